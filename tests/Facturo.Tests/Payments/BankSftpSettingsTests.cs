using Microsoft.Extensions.Options;

namespace Facturo.Payments;

/// <summary>The SFTP settings are checked at start: a half-configured connection names every problem instead of failing at 15:00.</summary>
public class BankSftpSettingsTests
{
    [Fact]
    public void With_no_host_nothing_is_required_and_files_stay_in_the_outbox()
    {
        var checkedSettings = new BankSftpOptionsValidation().Validate(null, new BankSftpOptions());

        Assert.True(checkedSettings.Succeeded);
        Assert.False(new BankSftpOptions().IsConfigured);
    }

    [Fact]
    public void A_host_without_user_credentials_pinned_key_or_folder_is_refused_with_every_problem_named()
    {
        var settings = new BankSftpOptions { Host = "sftp.bank.example", Port = 0, PrivateKeyPath = "/nowhere/key", HostKeyFingerprint = "MD5:16:27:ac:a5" };

        var checkedSettings = new BankSftpOptionsValidation().Validate(null, settings);

        Assert.True(checkedSettings.Failed);
        Assert.Equal(
        [
            "Facturo:Bank:Sftp:Port must be 1–65535.",
            "Facturo:Bank:Sftp:Username is required.",
            "Facturo:Bank:Sftp:PrivateKeyPath '/nowhere/key' does not exist.",
            "Facturo:Bank:Sftp:HostKeyFingerprint must be the bank's host key as 'ssh-keygen -lf' prints it (SHA256:…).",
            "Facturo:Bank:Sftp:OutgoingFolder is required.",
        ], checkedSettings.Failures);
    }

    [Fact]
    public void A_password_and_a_pinned_key_with_a_folder_are_enough()
    {
        var settings = new BankSftpOptions
        {
            Host = "sftp.bank.example", Username = "biller", Password = "from-the-environment",
            HostKeyFingerprint = "256 SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og bank (ED25519)", OutgoingFolder = "/inbound",
        };

        Assert.Equal(ValidateOptionsResult.Success, new BankSftpOptionsValidation().Validate(null, settings));
    }
}
