using Microsoft.Extensions.Options;

namespace Facturo.Portal;

/// <summary>Session time-outs an operator sets wrongly stop the host at start rather than quietly weakening sign-in.</summary>
public sealed class SessionSettingsTests
{
    [Theory]
    [InlineData("--Sessions:StaffIdleTimeout=13:00:00")]
    [InlineData("--Sessions:PortalIdleTimeout=00:00:00")]
    public async Task An_idle_time_out_that_is_zero_or_longer_than_the_absolute_limit_stops_the_host_at_start(string setting)
    {
        var keys = Path.Combine(Path.GetTempPath(), "facturo-tests", $"keys-{Guid.NewGuid():N}");
        await using var app = FacturoWeb.Build(["--Database:ConnectionString=Data Source=:memory:", "--urls=http://127.0.0.1:0", $"--DataProtection:KeyDirectory={keys}",
            "--BankFiles:Schedule=", "--SalesLeads:Schedule=", "--ExemptionNotices:Schedule=", "--Logging:LogLevel:Default=None", setting]);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("AbsoluteTimeout", refused.Message, StringComparison.Ordinal);
    }
}
