namespace FaceVerify;

/// <summary>
/// An <see cref="IFrameStore"/> on the local file system, for development, demos and single-server installations.
/// A key <c>a/b/c.jpg</c> is the file <c>{root}/a/b/c.jpg</c>.
/// <list type="bullet">
/// <item>Keys are checked against path traversal: empty keys, absolute paths, backslashes, empty segments, and
/// segments starting with <c>.</c> (which covers <c>.</c> and <c>..</c>) or holding control characters are refused
/// with <see cref="ArgumentException"/>.</item>
/// <item>Writes are atomic: the bytes go to a temporary file under <c>{root}/.staging/</c>, are flushed to disk, and
/// the file is renamed over the target, so a reader sees the old object or the new one, never a partial one.</item>
/// <item>Retention is the file's last-write time: a put sets it to <c>retainUntil</c>. A file whose last-write time
/// has passed is treated as missing and deleted when read; a sweep of the whole tree, at most once per
/// <see cref="SweepInterval"/> and run inline by a put, deletes every expired file. Tools that touch file times
/// (copying without preserving them, some backup tools) change retention.</item>
/// </list>
/// </summary>
internal sealed class FileFrameStore : IFrameStore
{
    /// <summary>How often a put sweeps the tree for expired files.</summary>
    internal static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);

    private const string StagingDirectoryName = ".staging";

    private readonly TimeProvider _timeProvider;
    private readonly string _root;
    private readonly string _staging;
    private long _nextSweepTicks = DateTimeOffset.MinValue.UtcTicks;

    public FileFrameStore(string rootPath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
        _staging = Path.Combine(_root, StagingDirectoryName);
        Directory.CreateDirectory(_staging);
    }

    /// <summary>The full path of the root directory.</summary>
    internal string RootPath => _root;

    public async ValueTask PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, DateTimeOffset retainUntil, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        SweepIfDue();
        Directory.CreateDirectory(_staging);
        var temp = Path.Combine(_staging, Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.SetLastWriteTimeUtc(temp, retainUntil.UtcDateTime);
            MoveIntoPlace(temp, path);
        }
        catch
        {
            TryDeleteFile(temp);
            throw;
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            if (IsExpired(info, _timeProvider.GetUtcNow()))
            {
                TryDeleteFile(path);
                return null;
            }

            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Missing is not an error.
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException($"A prefix ends in '/' (see {nameof(FrameKeys)}), so that it cannot match a sibling key; got '{prefix}'.", nameof(prefix));
        }

        var directory = PathOf(prefix[..^1], nameof(prefix));
        if (!Directory.Exists(directory))
        {
            return ValueTask.FromResult(0);
        }

        var now = _timeProvider.GetUtcNow();
        var deleted = 0;
        foreach (var file in EnumerateFilesSafely(directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = new FileInfo(file);
            var live = info.Exists && !IsExpired(info, now);
            if (TryDeleteFile(file) && live)
            {
                deleted++;
            }
        }

        DeleteEmptyDirectories(directory);
        return ValueTask.FromResult(deleted);
    }

    /// <summary>Deletes every expired file of the tree and empty directories left behind.</summary>
    /// <returns>How many files were deleted.</returns>
    internal int SweepExpired()
    {
        var now = _timeProvider.GetUtcNow();
        var deleted = 0;
        foreach (var file in EnumerateFilesSafely(_root))
        {
            if (file.StartsWith(_staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var info = new FileInfo(file);
            if (info.Exists && IsExpired(info, now) && TryDeleteFile(file))
            {
                deleted++;
            }
        }

        foreach (var directory in SafeEnumerateDirectories(_root))
        {
            if (!string.Equals(directory, _staging, StringComparison.Ordinal))
            {
                DeleteEmptyDirectories(directory);
            }
        }

        return deleted;
    }

    /// <summary>Checks a key and maps it to a path under the root.</summary>
    /// <param name="key">The key.</param>
    /// <param name="parameterName">The name reported in the exception.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="ArgumentException">The key could name a file outside the root, or is not a plain relative path.</exception>
    internal string PathOf(string key, string parameterName = "key")
    {
        ArgumentException.ThrowIfNullOrEmpty(key, parameterName);
        if (key[0] == '/' || key.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(key))
        {
            throw new ArgumentException("A frame store key is a relative path with '/' separators; absolute paths and backslashes are refused.", parameterName);
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0)
            {
                throw new ArgumentException("A frame store key cannot have an empty segment (a leading, trailing or doubled '/').", parameterName);
            }

            if (segment[0] == '.')
            {
                throw new ArgumentException("A frame store key segment cannot start with '.' (this refuses '.' and '..').", parameterName);
            }

            if (segment.Any(c => char.IsControl(c) || c == ':'))
            {
                throw new ArgumentException("A frame store key cannot contain control characters or ':'.", parameterName);
            }
        }

        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("A frame store key must name a file under the store's root directory.", parameterName);
        }

        return path;
    }

    private static void MoveIntoPlace(string temp, string path)
    {
        // A concurrent DeletePrefix or sweep may remove the (empty) target directory between its creation and the
        // rename: create it again and retry.
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                File.Move(temp, path, overwrite: true);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt < 5)
            {
            }
        }
    }

    private static bool IsExpired(FileInfo file, DateTimeOffset now) => new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) <= now;

    private void SweepIfDue()
    {
        var now = _timeProvider.GetUtcNow();
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) == due)
        {
            SweepExpired();
        }
    }

    private static bool TryDeleteFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string[] EnumerateFilesSafely(string directory)
    {
        try
        {
            return Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }).ToArray();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    private static string[] SafeEnumerateDirectories(string directory)
    {
        try
        {
            return Directory.GetDirectories(directory);
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    private static void DeleteEmptyDirectories(string directory)
    {
        foreach (var child in SafeEnumerateDirectories(directory))
        {
            DeleteEmptyDirectories(child);
        }

        try
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not empty any more (a concurrent put) or gone already: leave it.
        }
    }
}
