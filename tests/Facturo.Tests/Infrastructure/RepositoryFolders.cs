namespace Facturo.Infrastructure;

public static class RepositoryFolders
{
    /// <summary>The checkout the tests were built from.</summary>
    public static string Root
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Facturo.slnx")))
            {
                folder = folder.Parent;
            }
            return folder?.FullName ?? throw new InvalidOperationException("The tests run outside the Facturo checkout.");
        }
    }

    /// <summary>docs/screenshots; the browser tests refresh the pictures there.</summary>
    public static string Screenshots
    {
        get
        {
            var screenshots = Path.Combine(Root, "docs", "screenshots");
            Directory.CreateDirectory(screenshots);
            return screenshots;
        }
    }

    /// <summary>tests/interop: independent bank-file implementations from npm (test.sh installs them).</summary>
    public static string Interop => Path.Combine(Root, "tests", "interop");
}
