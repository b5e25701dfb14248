using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Staff;

/// <summary>Who changes a staff account: an administrator signed in to /admin, or whoever runs `facturo` on the server.</summary>
public enum StaffActor { SignedInAdministrator, CommandLine }

/// <summary>
/// Disabling, enabling, changing a role and resetting two-step verification, each audited in its transaction. The last
/// active administrator can be neither disabled nor demoted, so the back office always has someone to manage it.
/// </summary>
public sealed class ChangeStaffAccess(FacturoDbContext db, StaffSignIn signIn, StaffAudit audit, EmailOutbox outbox, SignInSessions sessions, BillerClock clock)
{
    public Task<long?> IdOfAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        return db.StaffMembers.Where(s => s.Email == normalized).Select(s => (long?)s.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Refuses the person at sign-in from now on and ends their open sessions at once.</summary>
    public Task<Outcome<StaffMember>> DisableAsync(long staffId, StaffActor actor, CancellationToken cancellationToken) =>
        db.InTransactionAsync<StaffMember>(async () =>
        {
            var administrators = await LockActiveAdministratorsAsync(cancellationToken);
            var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
            if (staff is null)
            {
                return UserError.NotFound("staff.not-found");
            }
            if (staff.DisabledAt is not null)
            {
                return UserError.NotFound("staff.unknown", staff.Email);
            }
            if (administrators is [var last] && last == staff.Id)
            {
                return UserError.Conflict("staff.last-administrator", staff.Email);
            }
            staff.DisabledAt = clock.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
            await sessions.EndAllAsync(SessionAudience.Staff, staff.Id, cancellationToken);
            await AuditAsync(actor, staff, "staff.disable", new { Active = true }, new { Active = false }, cancellationToken);
            return staff;
        }, cancellationToken);

    /// <summary>Lets a disabled staff member sign in again, with the password and authenticator they had.</summary>
    public Task<Outcome<StaffMember>> EnableAsync(long staffId, StaffActor actor, CancellationToken cancellationToken) =>
        db.InTransactionAsync<StaffMember>(async () =>
        {
            var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
            if (staff is null)
            {
                return UserError.NotFound("staff.not-found");
            }
            if (staff.DisabledAt is null)
            {
                return UserError.NotFound("staff.not-disabled", staff.Email);
            }
            staff.DisabledAt = null;
            await db.SaveChangesAsync(cancellationToken);
            await AuditAsync(actor, staff, "staff.enable", new { Active = false }, new { Active = true }, cancellationToken);
            return staff;
        }, cancellationToken);

    /// <summary>A new role, in force at once: the person's sessions end and they sign in again with it.</summary>
    public Task<Outcome<StaffMember>> ChangeRoleAsync(long staffId, StaffRole role, StaffActor actor, CancellationToken cancellationToken) =>
        db.InTransactionAsync<StaffMember>(async () =>
        {
            if (!Enum.IsDefined(role))
            {
                return UserError.Validation("staff.invalid");
            }
            var administrators = await LockActiveAdministratorsAsync(cancellationToken);
            var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
            if (staff is null)
            {
                return UserError.NotFound("staff.not-found");
            }
            if (staff.Role == role)
            {
                return staff;
            }
            if (administrators is [var last] && last == staff.Id)
            {
                return UserError.Conflict("staff.last-administrator", staff.Email);
            }
            var before = staff.Role;
            staff.Role = role;
            await db.SaveChangesAsync(cancellationToken);
            await sessions.EndAllAsync(SessionAudience.Staff, staff.Id, cancellationToken);
            await AuditAsync(actor, staff, "staff.role", new { Role = before.ToString() }, new { Role = role.ToString() }, cancellationToken);
            return staff;
        }, cancellationToken);

    /// <summary>
    /// For someone who lost the phone or key ring their authenticator was on: the old key is forgotten, their sessions end, and
    /// at their next sign-in (password first) they add a new key to an app. They are emailed, so a reset they did not ask for shows.
    /// </summary>
    public Task<Outcome<StaffMember>> ResetTwoStepAsync(long staffId, StaffActor actor, CancellationToken cancellationToken) =>
        db.InTransactionAsync<StaffMember>(async () =>
        {
            var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
            if (staff is null)
            {
                return UserError.NotFound("staff.not-found");
            }
            if (staff.DisabledAt is not null)
            {
                return UserError.NotFound("staff.unknown", staff.Email);
            }
            var before = new { TwoStep = staff.TotpConfirmed ? "set up" : "not set up" };
            (staff.ProtectedTotpKey, staff.TotpConfirmed, staff.FailedSignIns, staff.LockedUntil) = (null, false, 0, null);
            await outbox.QueueAsync("staff-two-step-reset", staff.Email, Language.Fr,
                "Vérification en deux étapes réinitialisée / Two-step verification reset",
                $"Bonjour {staff.FullName},\n\nVotre vérification en deux étapes de l'administration a été réinitialisée et vos sessions ont été fermées. " +
                "À votre prochaine connexion, après votre mot de passe, ajoutez la nouvelle clé affichée à votre application d'authentification.\n\n" +
                "Si vous n'avez rien demandé, prévenez un administrateur tout de suite.\n\n" +
                $"Hello {staff.FullName},\n\nYour back-office two-step verification was reset and your sessions were signed out. " +
                "At your next sign-in, after your password, add the new key shown to your authenticator app.\n\n" +
                "If you did not ask for this, tell an administrator right away.",
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await sessions.EndAllAsync(SessionAudience.Staff, staff.Id, cancellationToken);
            await AuditAsync(actor, staff, "staff.two-step-reset", before, new { TwoStep = "to set up at next sign-in" }, cancellationToken);
            return staff;
        }, cancellationToken);

    /// <summary>`facturo set-staff-password`: a new password for an active staff member, typed on the server.</summary>
    public Task<Outcome<StaffMember>> SetPasswordFromCommandLineAsync(string email, string password, CancellationToken cancellationToken) =>
        db.InTransactionAsync<StaffMember>(async () =>
        {
            var changed = await signIn.SetPasswordAsync(email, password, cancellationToken);
            if (changed.Succeeded)
            {
                await audit.RecordCommandLineAsync(changed.Value!, "staff.password-set", null, null, cancellationToken);
            }
            return changed;
        }, cancellationToken);

    /// <summary>
    /// Locks the active administrators' rows until the transaction ends and returns their ids, so two administrators demoting or
    /// disabling each other at once are taken one after the other, and the second sees the first's change.
    /// </summary>
    private async Task<IReadOnlyList<long>> LockActiveAdministratorsAsync(CancellationToken cancellationToken)
    {
        const string administrator = nameof(StaffRole.Administrator);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // A row changed meanwhile is checked again once its lock is free: an administrator just demoted is not returned.
            return await db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM staff_members WHERE role = {administrator} AND disabled_at IS NULL ORDER BY id FOR UPDATE")
                .ToListAsync(cancellationToken);
        }
        // SQLite has one writer at a time: writing first takes that lock before anything is read.
        await db.Database.ExecuteSqlAsync($"UPDATE staff_members SET role = role WHERE role = {administrator}", cancellationToken);
        return await db.StaffMembers.Where(s => s.Role == StaffRole.Administrator && s.DisabledAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
    }

    private Task AuditAsync(StaffActor actor, StaffMember staff, string action, object before, object after, CancellationToken cancellationToken) =>
        actor == StaffActor.CommandLine
            ? audit.RecordCommandLineAsync(staff, action, before, after, cancellationToken)
            : audit.RecordAsync(action, StaffAudit.StaffSubject(staff), before, after, cancellationToken);
}
