namespace CqpJury.Benchmarks.Core;

/// <summary>The benchmarks' (and their tests') temporary data folders.</summary>
public static class TempFolder
{
    /// <summary>Deletes <paramref name="folder"/> and what it holds, if it is there; a file still held leaves it behind, which is harmless in the temp directory.</summary>
    public static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}
