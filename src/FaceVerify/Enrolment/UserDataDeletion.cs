namespace FaceVerify;

/// <summary>What <see cref="IFaceEnrolmentService.DeleteUserDataAsync"/> deleted.</summary>
/// <param name="Sessions">Sessions removed from the attempt store.</param>
/// <param name="Objects">Frames and reference photos removed from the frame store.</param>
/// <param name="Faces">Indexed faces removed from the face collection.</param>
public readonly record struct UserDataDeletion(int Sessions, int Objects, int Faces);
