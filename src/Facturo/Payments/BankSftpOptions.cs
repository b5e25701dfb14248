using Microsoft.Extensions.Options;

namespace Facturo.Payments;

/// <summary>
/// The SFTP connection to the biller's bank (<c>Facturo:Bank:Sftp</c>). With no host, nothing is exchanged: debit files stay
/// in the outbox folder for a person to send, as before. Secrets (password, key passphrase) come from the environment
/// (<c>Facturo__Bank__Sftp__Password</c>), never from a file in the repository.
/// </summary>
public sealed class BankSftpOptions
{
    public const string Section = "Facturo:Bank:Sftp";

    public string? Host { get; set; }
    public int Port { get; set; } = 22;
    public string? Username { get; set; }
    /// <summary>An OpenSSH or PEM private key file, readable by Facturo's user only.</summary>
    public string? PrivateKeyPath { get; set; }
    public string? PrivateKeyPassphrase { get; set; }
    public string? Password { get; set; }
    /// <summary>The bank's host key as <c>ssh-keygen -lf</c> prints it (<c>SHA256:…</c>): a server presenting any other key is refused.</summary>
    public string? HostKeyFingerprint { get; set; }
    /// <summary>Where debit files are put for the bank.</summary>
    public string OutgoingFolder { get; set; } = "";
    /// <summary>Where the bank puts returned debits (CPA-005 or NACHA); empty: not fetched.</summary>
    public string ReturnsFolder { get; set; } = "";
    /// <summary>Where the bank puts camt.054 credit notifications; empty: not fetched.</summary>
    public string RemittancesFolder { get; set; } = "";
    /// <summary>Off by default: the bank's copy is its record; some banks ask their clients to clear the folder.</summary>
    public bool DeleteFetchedFiles { get; set; }
    /// <summary>Quartz cron (Toronto time) of the exchange between daily batches: sends what waits, fetches what came, retries failures.</summary>
    public string Schedule { get; set; } = "0 0/15 * * * ?";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>A half-configured connection stops start-up with every problem listed, rather than failing at 15:00.</summary>
internal sealed class BankSftpOptionsValidation : IValidateOptions<BankSftpOptions>
{
    public ValidateOptionsResult Validate(string? name, BankSftpOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }
        var problems = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            problems.Add($"{BankSftpOptions.Section}:Port must be 1–65535.");
        }
        if (string.IsNullOrWhiteSpace(options.Username))
        {
            problems.Add($"{BankSftpOptions.Section}:Username is required.");
        }
        if (string.IsNullOrWhiteSpace(options.PrivateKeyPath) && string.IsNullOrEmpty(options.Password))
        {
            problems.Add($"{BankSftpOptions.Section}:PrivateKeyPath or Password is required.");
        }
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPath) && !File.Exists(options.PrivateKeyPath))
        {
            problems.Add($"{BankSftpOptions.Section}:PrivateKeyPath '{options.PrivateKeyPath}' does not exist.");
        }
        if (!Payments.HostKeyFingerprint.TryParse(options.HostKeyFingerprint, out _))
        {
            problems.Add($"{BankSftpOptions.Section}:HostKeyFingerprint must be the bank's host key as 'ssh-keygen -lf' prints it (SHA256:…).");
        }
        if (string.IsNullOrWhiteSpace(options.OutgoingFolder))
        {
            problems.Add($"{BankSftpOptions.Section}:OutgoingFolder is required.");
        }
        if (options.Timeout <= TimeSpan.Zero)
        {
            problems.Add($"{BankSftpOptions.Section}:Timeout must be positive.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
