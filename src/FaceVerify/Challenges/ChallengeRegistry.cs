using System.Security.Cryptography;

namespace FaceVerify;

/// <summary>The registered challenges by type name (case-insensitive), and the server's choice among them.</summary>
internal sealed class ChallengeRegistry
{
    private readonly Dictionary<string, IChallenge> _byType;
    private readonly RandomNumberGenerator _random;

    public ChallengeRegistry(IEnumerable<IChallenge> challenges, RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        _byType = new Dictionary<string, IChallenge>(StringComparer.OrdinalIgnoreCase);
        foreach (var challenge in challenges)
        {
            if (string.IsNullOrWhiteSpace(challenge.Type))
            {
                throw new InvalidOperationException($"The challenge {challenge.GetType().FullName} has an empty Type.");
            }

            if (!_byType.TryAdd(challenge.Type, challenge) && _byType[challenge.Type].GetType() != challenge.GetType())
            {
                throw new InvalidOperationException($"Two challenges are registered with the type '{challenge.Type}': {_byType[challenge.Type].GetType().FullName} and {challenge.GetType().FullName}.");
            }
        }
    }

    public IReadOnlyCollection<string> Types => _byType.Keys;

    public bool TryGet(string type, out IChallenge challenge) => _byType.TryGetValue(type, out challenge!);

    /// <summary>Picks uniformly at random (the injected <see cref="RandomNumberGenerator"/>, a CSPRNG outside tests) among the enabled types, or all registered when none is listed.</summary>
    public IChallenge ChooseRandom(IList<string> enabled)
    {
        if (enabled.Count == 0)
        {
            var all = _byType.Values.ToArray();
            return all[_random.NextInt32(all.Length)];
        }

        return _byType[enabled[_random.NextInt32(enabled.Count)]];
    }
}
