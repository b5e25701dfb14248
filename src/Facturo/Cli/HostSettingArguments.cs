namespace Facturo.Cli;

/// <summary>
/// Settings given on the command line the .NET way (<c>--Email:SmtpHost=smtp.biller.ca</c>, <c>--urls=http://…</c>): the
/// command-line parser leaves them unmatched and they go to the host's configuration, where they win over the
/// environment and appsettings.json. Any other unmatched word is still a command-line error.
/// </summary>
public static class HostSettingArguments
{
    private static readonly string[] HostSettings = ["urls", "environment", "http_ports", "https_ports"];

    public static (IReadOnlyList<string> Settings, IReadOnlyList<string> Unknown) Sort(IReadOnlyList<string> unmatched)
    {
        var settings = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (!IsSetting(token))
            {
                unknown.Add(token);
            }
            else if (token.Contains('=', StringComparison.Ordinal))
            {
                settings.Add(token);
            }
            else if (i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith('-'))
            {
                settings.Add($"{token}={unmatched[++i]}");
            }
            else
            {
                unknown.Add(token);
            }
        }
        return (settings, unknown);
    }

    private static bool IsSetting(string token)
    {
        if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length < 3)
        {
            return false;
        }
        var name = token[2..].Split('=', 2)[0];
        return name.Contains(':', StringComparison.Ordinal) || HostSettings.Contains(name, StringComparer.OrdinalIgnoreCase);
    }
}
