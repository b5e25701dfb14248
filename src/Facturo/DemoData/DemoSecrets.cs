using Facturo.Api;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.DemoData;

/// <summary>
/// The demo's API key and passwords are published (the README, <c>serve --demo</c>'s output), so in a database
/// that serves real people they must not work. Retiring them revokes the key, disables the back-office account and
/// locks the portal user out for good, keeping the rows the demo's history refers to.
/// </summary>
public sealed class DemoSecrets(FacturoDbContext db, IPasswordHasher<StaffMember> staffPasswords, UserManager<PortalUser> users, BillerClock clock)
{
    private static readonly string DemoKeyHash = ApiKey.Hash(DemoDataSeeder.DemoApiKey);

    /// <summary>The demo seeder filled this database: its API key is there, revoked or not.</summary>
    public Task<bool> IsDemoDatabaseAsync(CancellationToken cancellationToken) =>
        db.Set<ApiKey>().AnyAsync(k => k.KeyHash == DemoKeyHash, cancellationToken);

    /// <summary>A biller's own data is here (the schema exists and has a biller or accounts) and the demo did not put it there.</summary>
    public async Task<bool> HoldsDataTheDemoDidNotCreateAsync(CancellationToken cancellationToken) =>
        (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()
        && (await db.BillerSettings.AnyAsync(cancellationToken) || await db.Accounts.AnyAsync(cancellationToken))
        && !await IsDemoDatabaseAsync(cancellationToken);

    /// <summary>Each demo secret that still opens something, described for the operator; empty when none does.</summary>
    public async Task<IReadOnlyList<string>> StillAcceptedAsync(CancellationToken cancellationToken)
    {
        // A database not migrated yet has no demo data; the first request will say what is missing.
        if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
        {
            return [];
        }
        var accepted = new List<string>();
        if (await db.Set<ApiKey>().AnyAsync(k => k.KeyHash == DemoKeyHash && k.RevokedAt == null, cancellationToken))
        {
            accepted.Add($"the demo API key (X-Api-Key: {DemoDataSeeder.DemoApiKey}) opens the REST API");
        }
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Email == DemoDataSeeder.DemoStaffEmail && s.DisabledAt == null, cancellationToken);
        if (staff is not null && staffPasswords.VerifyHashedPassword(staff, staff.PasswordHash, DemoDataSeeder.DemoStaffPassword) != PasswordVerificationResult.Failed)
        {
            accepted.Add($"the back-office account {DemoDataSeeder.DemoStaffEmail} accepts the demo password");
        }
        var portalUser = await users.FindByEmailAsync(DemoDataSeeder.DemoUserEmail);
        if (portalUser is not null && !await users.IsLockedOutAsync(portalUser)
            && (await users.CheckPasswordAsync(portalUser, DemoDataSeeder.DemoUserPassword) || await users.CheckPasswordAsync(portalUser, DemoDataSeeder.EarlierDemoUserPassword)))
        {
            accepted.Add($"the portal user {DemoDataSeeder.DemoUserEmail} accepts the demo password");
        }
        return accepted;
    }

    /// <summary>Revokes, disables and locks what the demo created; safe to run again. Returns what it changed.</summary>
    public async Task<IReadOnlyList<string>> RetireAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var retired = new List<string>();
        foreach (var key in await db.Set<ApiKey>().Where(k => k.KeyHash == DemoKeyHash && k.RevokedAt == null).ToListAsync(cancellationToken))
        {
            key.RevokedAt = now;
            retired.Add("Demo API key revoked.");
        }
        foreach (var staff in await db.StaffMembers.Where(s => s.Email == DemoDataSeeder.DemoStaffEmail && s.DisabledAt == null).ToListAsync(cancellationToken))
        {
            staff.DisabledAt = now;
            retired.Add($"Back-office account {staff.Email} disabled.");
        }
        await db.SaveChangesAsync(cancellationToken);
        if (await users.FindByEmailAsync(DemoDataSeeder.DemoUserEmail) is { } portalUser && portalUser.PasswordHash is not null)
        {
            // Locked for good as well: the demo's security answers are published too, and recovery by questions refuses a locked account.
            Require(await users.RemovePasswordAsync(portalUser));
            Require(await users.SetLockoutEnabledAsync(portalUser, true));
            Require(await users.SetLockoutEndDateAsync(portalUser, DateTimeOffset.MaxValue));
            retired.Add($"Portal user {portalUser.Email} has no password any more and is locked.");
        }
        return retired;
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
