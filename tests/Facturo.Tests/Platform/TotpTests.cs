using System.Text;

namespace Facturo.Platform;

/// <summary>
/// Facturo's one TOTP against the test vectors published with the standard: RFC 6238 Appendix B (IETF, 2011,
/// https://www.rfc-editor.org/rfc/rfc6238#appendix-B; IETF Trust, code components under the Simplified BSD
/// licence), SHA-1 rows. The RFC prints 8 digits; by RFC 4226's truncation (the number modulo 10^digits) a
/// 6-digit code is the last six of them.
/// </summary>
public sealed class TotpTests
{
    private static readonly byte[] RfcSeed = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void The_code_at_each_time_of_the_rfc_table_is_the_last_six_digits_the_rfc_prints(long unixSeconds, string rfcCode)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(rfcCode[2..], Totp.Code(RfcSeed, Totp.StepAt(at)));
        Assert.Equal(Totp.StepAt(at), Totp.Verify(RfcSeed, rfcCode[2..], at, lastUsedStep: 0));
    }

    [Fact]
    public void A_code_is_accepted_one_step_early_or_late_but_not_two_nor_at_or_before_the_last_step_used()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = Totp.StepAt(at);

        Assert.Equal(step - 1, Totp.Verify(RfcSeed, Totp.Code(RfcSeed, step - 1), at, lastUsedStep: 0));
        Assert.Equal(step + 1, Totp.Verify(RfcSeed, Totp.Code(RfcSeed, step + 1), at, lastUsedStep: 0));
        Assert.Null(Totp.Verify(RfcSeed, Totp.Code(RfcSeed, step + 2), at, lastUsedStep: 0));
        Assert.Null(Totp.Verify(RfcSeed, Totp.Code(RfcSeed, step), at, lastUsedStep: step));
        Assert.Null(Totp.Verify(RfcSeed, "12345", at, lastUsedStep: 0));
    }

    [Fact]
    public void The_rfc_seed_in_base32_reads_back_to_the_same_bytes_whatever_the_case_and_spacing()
    {
        var text = Totp.Base32(RfcSeed);

        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", text);
        Assert.Equal(RfcSeed, Totp.FromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
        Assert.Null(Totp.FromBase32("not base32!"));
    }
}
