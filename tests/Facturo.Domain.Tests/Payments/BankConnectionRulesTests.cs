namespace Facturo.Payments;

public class BankConnectionRulesTests
{
    // ssh-keygen -lf on an ed25519 host key prints this line; SSH.NET reports the same 43 characters without the prefix.
    private const string KeygenLine = "256 SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og root@bank (ED25519)";

    [Fact]
    public void A_fingerprint_pasted_as_ssh_keygen_prints_it_is_read_whole_line_or_alone()
    {
        Assert.True(HostKeyFingerprint.TryParse(KeygenLine, out var fromLine));
        Assert.True(HostKeyFingerprint.TryParse("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og", out var alone));

        Assert.Equal(fromLine, alone);
        Assert.Equal("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og", alone.ToString());
        Assert.True(alone.Matches("ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og")]
    [InlineData("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48")]
    [InlineData("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6O")]
    [InlineData("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6O!")]
    public void Anything_but_a_sha256_fingerprint_is_not_a_pinned_host_key(string text) =>
        Assert.False(HostKeyFingerprint.TryParse(text, out _));

    [Fact]
    public void Another_key_or_the_same_letters_in_another_case_do_not_match()
    {
        Assert.True(HostKeyFingerprint.TryParse(KeygenLine, out var pinned));

        Assert.False(pinned.Matches("OHD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"));
        Assert.False(pinned.Matches("AAAAVZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"));
    }

    [Fact]
    public void Retries_wait_five_minutes_then_double_up_to_two_hours()
    {
        var delays = Enumerable.Range(1, 8).Select(BankExchangeRetry.Delay).Select(d => d.TotalMinutes).ToList();

        Assert.Equal([5, 10, 20, 40, 80, 120, 120, 120], delays);
        Assert.Equal(TimeSpan.FromHours(2), BankExchangeRetry.Delay(int.MaxValue));
    }
}
