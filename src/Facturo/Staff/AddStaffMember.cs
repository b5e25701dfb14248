using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Passwords;
using Facturo.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Staff;

public sealed record NewStaffMember(string Email, string FullName, StaffRole Role);

/// <summary>
/// A new staff member chooses their own password: an administrator adds them in the back office, and they get a single-use
/// link by email, valid 7 days and stored only as its SHA-256, like the portal's invitations. Nobody else ever types or
/// sees the password. Two-step verification is set up at the first sign-in, as for every staff member.
/// </summary>
public sealed class AddStaffMember(FacturoDbContext db, StaffSignIn signIn, StaffAudit audit, EmailOutbox outbox, BillerClock clock,
    IOptions<EmailOptions> emailOptions, IPasswordHasher<StaffMember> hasher, PasswordPolicy passwords, SignInSessions sessions)
{
    public static readonly TimeSpan LinkLifetime = Portal.Invitations.Lifetime;

    /// <summary>Added by the signed-in administrator, who never learns the password: the person is emailed their link.</summary>
    public Task<Outcome<StaffMember>> InviteAsync(NewStaffMember person, CancellationToken cancellationToken) =>
        db.InTransactionAsync<StaffMember>(async () =>
        {
            // The email is signed with the biller's name: refused, with what to set, before the biller exists.
            var biller = await db.SetUpBillerAsync(cancellationToken);
            if (!biller.Succeeded)
            {
                return biller.Error!;
            }
            var created = await signIn.NewMemberAsync(person.Email, person.FullName, person.Role, cancellationToken);
            if (!created.Succeeded)
            {
                return created;
            }
            var staff = created.Value!;
            db.StaffMembers.Add(staff);
            await db.SaveChangesAsync(cancellationToken);
            await QueueLinkAsync(staff, cancellationToken);
            await audit.RecordAsync("staff.add", StaffAudit.StaffSubject(staff), null, new { staff.FullName, Role = staff.Role.ToString(), PasswordBy = "emailed link" }, cancellationToken);
            return staff;
        }, cancellationToken);

    /// <summary>Created on the server by `facturo add-staff`, with the password read from standard input or a prompt.</summary>
    public Task<Outcome<StaffMember>> AddFromCommandLineAsync(NewStaffMember person, string password, CancellationToken cancellationToken) =>
        db.InTransactionAsync<StaffMember>(async () =>
        {
            var created = await signIn.CreateAsync(person.Email, person.FullName, person.Role, password, cancellationToken);
            if (created.Succeeded)
            {
                await audit.RecordCommandLineAsync(created.Value!, "staff.add", null, new { created.Value!.FullName, Role = created.Value.Role.ToString() }, cancellationToken);
            }
            return created;
        }, cancellationToken);

    /// <summary>
    /// A new link for an active staff member: when the first one expired, or when they forgot their password. The password they
    /// have keeps working until the link is used; a link sent before stops working.
    /// </summary>
    public Task<Outcome<StaffMember>> SendLinkAsync(long staffId, CancellationToken cancellationToken) =>
        db.InTransactionAsync<StaffMember>(async () =>
        {
            var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId && s.DisabledAt == null, cancellationToken);
            if (staff is null)
            {
                return UserError.NotFound("staff.not-found");
            }
            await QueueLinkAsync(staff, cancellationToken);
            await audit.RecordAsync("staff.password-link", StaffAudit.StaffSubject(staff), null, new { Until = staff.PasswordLinkExpiresAt }, cancellationToken);
            return staff;
        }, cancellationToken);

    /// <summary>The person a link is for, while it can still be used; otherwise why not (the same words whatever the reason).</summary>
    public async Task<Outcome<StaffMember>> FindByLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = string.IsNullOrWhiteSpace(token) ? null : Secrets.Sha256Hex(token.Trim());
        var staff = hash is null ? null
            : await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.PasswordLinkHash == hash && s.DisabledAt == null, cancellationToken);
        return staff is null || staff.PasswordLinkExpiresAt <= clock.UtcNow ? UserError.Validation("staff.link-unusable") : staff;
    }

    /// <summary>The person's own password, chosen from their link under the one password policy; the link then works no more.</summary>
    public async Task<Outcome<StaffMember>> ChoosePasswordAsync(string? token, string? password, CancellationToken cancellationToken)
    {
        if (PasswordPolicy.Refusal(password ?? "") is { } weak)
        {
            return weak;
        }
        var found = await FindByLinkAsync(token, cancellationToken);
        if (!found.Succeeded)
        {
            return found;
        }
        var staff = found.Value!;
        var current = staff.PasswordHash.Length == 0 ? null : staff.PasswordHash;
        var refusal = await passwords.RefusalAsync(PasswordOwner.StaffMember, staff.Id, current, password!,
            hash => hasher.VerifyHashedPassword(staff, hash, password!) != PasswordVerificationResult.Failed, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var newHash = hasher.HashPassword(staff, password!);
        return await db.InTransactionAsync<StaffMember>(async () =>
        {
            // Claimed conditionally: the same link sent twice at once sets one password, and a newer link voids this one.
            var claimed = await db.StaffMembers.Where(s => s.Id == staff.Id && s.PasswordLinkHash == staff.PasswordLinkHash && s.DisabledAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.PasswordHash, newHash)
                    .SetProperty(m => m.PasswordLinkHash, (string?)null)
                    .SetProperty(m => m.PasswordLinkExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(m => m.FailedSignIns, 0)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken);
            if (claimed == 0)
            {
                return UserError.Validation("staff.link-unusable");
            }
            if (current is not null)
            {
                await passwords.RememberReplacedAsync(PasswordOwner.StaffMember, staff.Id, current, cancellationToken);
                // Whoever signed in with the forgotten password is out.
                await sessions.EndAllAsync(SessionAudience.Staff, staff.Id, cancellationToken);
            }
            await audit.RecordByAsync(staff, "staff.password-chosen", null, null, cancellationToken);
            return staff;
        }, cancellationToken);
    }

    private async Task QueueLinkAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        (staff.PasswordLinkHash, staff.PasswordLinkExpiresAt) = (Secrets.Sha256Hex(token), clock.UtcNow + LinkLifetime);
        var link = $"{emailOptions.Value.PublicBaseUrl.TrimEnd('/')}/admin/set-password?token={token}";
        var until = clock.Local(staff.PasswordLinkExpiresAt.Value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        // Staff have no language of their own: the email says it in both.
        await outbox.QueueAsync("staff-password-link", staff.Email, Language.Fr,
            "Votre mot de passe pour l'administration / Your back-office password",
            $"Bonjour {staff.FullName},\n\nPour choisir votre mot de passe de l'administration, ouvrez ce lien (valide jusqu'au {until}, une seule fois) :\n{link}\n\n" +
            "À votre première connexion, vous configurerez une application d'authentification.\n\n" +
            $"Hello {staff.FullName},\n\nTo choose your back-office password, open this link (valid until {until}, once):\n{link}\n\n" +
            "At your first sign-in, you will set up an authenticator app.",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
