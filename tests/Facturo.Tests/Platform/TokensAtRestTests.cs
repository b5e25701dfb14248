using Facturo.Api;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Infrastructure;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Platform;

/// <summary>A copy of the database (a backup, a read-only leak) holds no token that opens an account or a registration.</summary>
public abstract class TokensAtRestTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task Once_sent_invitation_and_reset_emails_keep_no_usable_token_in_the_database()
    {
        await AddAccountAsync("1000071");
        var invitationLink = await InviteAndReadLinkAsync("1000071", "first@client.example", Language.En);
        await RegisterAsync("1000071", "payer@client.example", PortalRole.Admin);
        await InScopeAsync<PasswordRecovery, bool>(async recovery =>
        {
            await recovery.SendResetLinkAsync("payer@client.example", CancellationToken.None);
            return true;
        });
        var resetLink = await ReadLinkAsync("payer@client.example", "/reset-password?");

        var invitationToken = Uri.UnescapeDataString(invitationLink.Split("token=")[1]);
        var resetToken = Uri.UnescapeDataString(resetLink.Split("token=")[1]);
        await using var db = Database.NewContext();
        var bodies = await db.OutboxEmails.Select(e => e.Body).ToListAsync();
        Assert.All(bodies, body => Assert.DoesNotContain(invitationToken, Uri.UnescapeDataString(body), StringComparison.Ordinal));
        Assert.All(bodies, body => Assert.DoesNotContain(resetToken, Uri.UnescapeDataString(body), StringComparison.Ordinal));
        Assert.Contains(bodies, body => body.Contains("/register?token=(", StringComparison.Ordinal));
        Assert.Equal(Secrets.Sha256Hex(invitationToken), (await db.Invitations.SingleAsync(i => i.Email == "first@client.example")).TokenHash);
        Assert.All(await db.Set<ApiKey>().Select(k => k.KeyHash).ToListAsync(), hash => Assert.Matches("^[0-9a-f]{64}$", hash));
    }

    [Fact]
    public async Task An_email_not_sent_yet_keeps_its_link_so_a_retry_delivers_it_whole()
    {
        await AddAccountAsync("1000072");
        await InScopeAsync<Invitations, Outcome<Invitation>>(i => i.InviteAsync("1000072", "later@client.example", PortalRole.Admin, Language.Fr, null, CancellationToken.None));

        await using var db = Database.NewContext();
        var pending = await db.OutboxEmails.SingleAsync(e => e.ToAddress == "later@client.example");
        Assert.Null(pending.SentAt);
        Assert.Matches("/register\\?token=[A-Za-z0-9_-]{20,}", pending.Body);
    }
}

public sealed class TokensAtRestTestsOnSqlite() : TokensAtRestTests(DatabaseProvider.Sqlite);
public sealed class TokensAtRestTestsOnPostgres() : TokensAtRestTests(DatabaseProvider.Postgres);
