namespace Facturo.Infrastructure;

public static class RepositoryFolders
{
    /// <summary>docs/screenshots in the checkout the tests were built from; the browser tests refresh the pictures there.</summary>
    public static string Screenshots
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Facturo.slnx")))
            {
                folder = folder.Parent;
            }
            var screenshots = Path.Combine(folder?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
            Directory.CreateDirectory(screenshots);
            return screenshots;
        }
    }
}
