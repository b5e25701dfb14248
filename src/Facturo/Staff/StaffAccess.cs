using System.Security.Claims;
using System.Text.Json;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Passwords;
using Facturo.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Staff;

/// <summary>
/// The back office's own sign-in: a cookie scheme of its own (path /admin), password then an authenticator
/// code every time. A customer's portal session is a different scheme and never opens /admin.
/// </summary>
public static class StaffAuth
{
    public const string Scheme = "Staff";
    /// <summary>Set only after the second step: every back-office page requires it.</summary>
    public const string TwoStepClaim = "facturo:staff-two-step";
    public const string StaffPolicy = "Staff";
    public const string CustomerRelationsPolicy = "CustomerRelations";
    public const string BillingOperatorPolicy = "BillingOperator";
    public const string SalesPolicy = "Sales";
    public const string AdministratorPolicy = "Administrator";

    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.LoginPath = "/admin/signin";
            cookie.AccessDeniedPath = "/admin/denied";
            cookie.Cookie.Name = "facturo-staff";
            cookie.Cookie.Path = "/admin";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Lifetime and time-outs are the server-side session's: Platform/ServerSessions.cs.
            cookie.Events.OnValidatePrincipal = ValidateStillActiveAsync;
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                // Password given but not the code yet: the way on is the second step, not "access denied".
                var halfway = context.HttpContext.User.Identities.Any(i => i.AuthenticationType == Scheme) && !context.HttpContext.User.HasClaim(c => c.Type == TwoStepClaim);
                context.Response.Redirect(halfway ? "/admin/two-step" : context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim))
            .AddPolicy(CustomerRelationsPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim)
                .RequireRole(nameof(StaffRole.CustomerRelations), nameof(StaffRole.Administrator)))
            .AddPolicy(BillingOperatorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim)
                .RequireRole(nameof(StaffRole.BillingOperator), nameof(StaffRole.CustomerRelations), nameof(StaffRole.Administrator)))
            .AddPolicy(SalesPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim)
                .RequireRole(nameof(StaffRole.Sales), nameof(StaffRole.Administrator)))
            .AddPolicy(AdministratorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim)
                .RequireRole(nameof(StaffRole.Administrator)));
        services.AddScoped<StaffSignIn>();
        services.AddScoped<StaffAudit>();
        services.AddScoped<AddStaffMember>();
        services.AddScoped<ChangeStaffAccess>();
        services.AddScoped<CustomerRelations>();
        services.AddScoped<AccessRequestReviews>();
        services.AddScoped<Operations>();
        services.AddScoped<Programs>();
        services.AddSingleton<BillRunLauncher>();
        services.AddSingleton<IPasswordHasher<StaffMember>, PasswordHasher<StaffMember>>();
        return services;
    }

    /// <summary>A disabled staff member's open sessions end at the next request of any of them, and so do those of one whose role changed.</summary>
    private static async Task ValidateStillActiveAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<FacturoDbContext>();
        var id = long.Parse(context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
        var role = Enum.TryParse<StaffRole>(context.Principal!.FindFirstValue(ClaimTypes.Role), out var claimed) ? claimed : (StaffRole?)null;
        if (!await db.StaffMembers.AnyAsync(s => s.Id == id && s.DisabledAt == null && s.Role == role, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().EndAllAsync(SessionAudience.Staff, id, context.HttpContext.RequestAborted);
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    public static long StaffId(ClaimsPrincipal user) => long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
}

public enum StaffSignInResult { PasswordAccepted, Refused, LockedOut }

/// <summary>Password, lockout after five failures, then the authenticator code (set up at the first sign-in).</summary>
/// <remarks>
/// Every password check costs one hash, whether the address is unknown, the account disabled or locked, so the
/// answer's timing does not tell which addresses are staff; the page says the same for all of them.
/// </remarks>
public sealed class StaffSignIn(FacturoDbContext db, IPasswordHasher<StaffMember> hasher, IDataProtectionProvider protection, BillerClock clock, PasswordPolicy passwords,
    EmailOutbox outbox, SignInSessions sessions)
{
    private const int MaxFailures = 5;
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    private static readonly StaffMember Decoy = new() { Email = "", FullName = "", PasswordHash = "" };
    private static string? _decoyHash;
    private readonly IDataProtector _keys = protection.CreateProtector("Facturo.StaffTotpKeys.v1");

    public async Task<(StaffSignInResult Result, StaffMember? Staff)> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Email == normalized && s.DisabledAt == null, cancellationToken);
        if (staff is null)
        {
            _decoyHash ??= hasher.HashPassword(Decoy, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(Decoy, _decoyHash, password);
            return (StaffSignInResult.Refused, null);
        }
        var now = clock.UtcNow;
        var verified = hasher.VerifyHashedPassword(staff, staff.PasswordHash, password);
        if (staff.LockedUntil > now)
        {
            return (StaffSignInResult.LockedOut, null);
        }
        if (verified == PasswordVerificationResult.Failed)
        {
            staff.FailedSignIns++;
            if (staff.FailedSignIns >= MaxFailures)
            {
                (staff.FailedSignIns, staff.LockedUntil) = (0, now + Lockout);
            }
            await db.SaveChangesAsync(cancellationToken);
            return (staff.LockedUntil > now ? StaffSignInResult.LockedOut : StaffSignInResult.Refused, null);
        }
        // The failure count is reset only by a good authenticator code: a known password must not buy more code guesses.
        return (StaffSignInResult.PasswordAccepted, staff);
    }

    /// <summary>The key to show (as text and QR code) while the person has not confirmed an authenticator yet.</summary>
    public async Task<string?> PendingKeyAsync(long staffId, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleAsync(s => s.Id == staffId, cancellationToken);
        if (staff.TotpConfirmed)
        {
            return null;
        }
        if (staff.ProtectedTotpKey is null)
        {
            staff.ProtectedTotpKey = _keys.Protect(Convert.ToBase64String(Totp.NewKey()));
            await db.SaveChangesAsync(cancellationToken);
        }
        return Totp.Base32(Convert.FromBase64String(_keys.Unprotect(staff.ProtectedTotpKey)));
    }

    /// <summary>The second step of a sign-in: checks a code (once only); the first good code also confirms the authenticator.</summary>
    public async Task<StaffMember?> VerifyCodeAsync(long staffId, string? code, CancellationToken cancellationToken)
    {
        var staff = await CheckCodeAsync(staffId, code, cancellationToken);
        if (staff is not null)
        {
            staff.LastSignInAt = clock.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
        }
        return staff;
    }

    /// <summary>
    /// Asked again of an administrator before they disable, demote or reset someone: their password, or a code from their
    /// authenticator (six digits, where a password has at least twelve characters). A wrong one counts as a failed sign-in,
    /// saved at once, so a session left open cannot be used to guess; an empty field is no guess and costs nothing.
    /// </summary>
    public async Task<UserError?> StepUpAsync(long staffId, string? passwordOrCode, CancellationToken cancellationToken)
    {
        var typed = passwordOrCode?.Trim() ?? "";
        var accepted = typed.Length switch
        {
            0 => false,
            6 when typed.All(char.IsAsciiDigit) => await CheckCodeAsync(staffId, typed, cancellationToken) is not null,
            _ => (await VerifyCurrentPasswordAsync(staffId, passwordOrCode!, cancellationToken)).Succeeded,
        };
        return accepted ? null : UserError.Validation("staff.step-up-wrong");
    }

    private async Task<StaffMember?> CheckCodeAsync(long staffId, string? code, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleAsync(s => s.Id == staffId && s.DisabledAt == null, cancellationToken);
        if (staff.ProtectedTotpKey is null || staff.LockedUntil > clock.UtcNow)
        {
            return null;
        }
        var key = Convert.FromBase64String(_keys.Unprotect(staff.ProtectedTotpKey));
        // An empty field posts no value at all: it is a wrong code like any other, never a server error.
        if (Totp.Verify(key, code ?? "", clock.UtcNow, staff.LastTotpStep) is not { } step)
        {
            staff.FailedSignIns++;
            if (staff.FailedSignIns >= MaxFailures)
            {
                (staff.FailedSignIns, staff.LockedUntil) = (0, clock.UtcNow + Lockout);
            }
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        (staff.LastTotpStep, staff.TotpConfirmed, staff.FailedSignIns) = (step, true, 0);
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }

    public static ClaimsPrincipal Principal(StaffMember staff, bool twoStepDone)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, staff.FullName),
            new(ClaimTypes.Email, staff.Email),
            new(ClaimTypes.Role, staff.Role.ToString()),
        };
        if (twoStepDone)
        {
            claims.Add(new Claim(StaffAuth.TwoStepClaim, "totp"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, StaffAuth.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// Creates a staff member with the password given on the server (the first administrator, `add-staff`); the authenticator is
    /// set up at the first sign-in. In the back office, <see cref="AddStaffMember"/> lets the person choose their own password instead.
    /// </summary>
    public async Task<Outcome<StaffMember>> CreateAsync(string email, string fullName, StaffRole role, string password, CancellationToken cancellationToken)
    {
        if ((PasswordPolicy.Refusal(password) ?? await passwords.ContextRefusalAsync(password, cancellationToken)) is { } weak)
        {
            return weak;
        }
        var created = await NewMemberAsync(email, fullName, role, cancellationToken);
        if (!created.Succeeded)
        {
            return created;
        }
        var staff = created.Value!;
        staff.PasswordHash = hasher.HashPassword(staff, password);
        db.StaffMembers.Add(staff);
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }

    /// <summary>A staff member not saved yet, with no password, once the address and name are valid and the address is nobody's.</summary>
    internal async Task<Outcome<StaffMember>> NewMemberAsync(string email, string fullName, StaffRole role, CancellationToken cancellationToken)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        if (!EmailAddresses.IsValid(normalized) || string.IsNullOrWhiteSpace(fullName) || fullName.Trim().Length > 200 || !Enum.IsDefined(role))
        {
            return UserError.Validation("staff.invalid");
        }
        if (await db.StaffMembers.AnyAsync(s => s.Email == normalized, cancellationToken))
        {
            return UserError.Conflict("staff.exists", normalized);
        }
        return new StaffMember { Email = normalized, FullName = fullName.Trim(), Role = role, PasswordHash = "", CreatedAt = clock.UtcNow };
    }

    /// <summary>
    /// A new password for an active staff member (set on the server with the command line), under the same policy as the portal's;
    /// whoever signed in with the old one is signed out. The caller audits it in its transaction.
    /// </summary>
    public async Task<Outcome<StaffMember>> SetPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Email == normalized && s.DisabledAt == null, cancellationToken);
        if (staff is null)
        {
            return UserError.NotFound("staff.unknown", normalized);
        }
        var refusal = await passwords.RefusalAsync(PasswordOwner.StaffMember, staff.Id, staff.PasswordHash, password,
            hash => hasher.VerifyHashedPassword(staff, hash, password) != PasswordVerificationResult.Failed, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        await passwords.RememberReplacedAsync(PasswordOwner.StaffMember, staff.Id, staff.PasswordHash, cancellationToken);
        (staff.PasswordHash, staff.FailedSignIns, staff.LockedUntil) = (hasher.HashPassword(staff, password), 0, null);
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(SessionAudience.Staff, staff.Id, cancellationToken);
        return staff;
    }

    /// <summary>
    /// The signed-in person's current password, asked before they choose a new one. A wrong one counts as a failed sign-in,
    /// saved at once (outside any transaction the change runs in), so a stolen session cannot guess it for ever.
    /// </summary>
    public async Task<Outcome<StaffMember>> VerifyCurrentPasswordAsync(long staffId, string currentPassword, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleAsync(s => s.Id == staffId && s.DisabledAt == null, cancellationToken);
        var now = clock.UtcNow;
        if (staff.LockedUntil > now)
        {
            return UserError.Validation("staff.current-password-wrong");
        }
        if (hasher.VerifyHashedPassword(staff, staff.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            if (++staff.FailedSignIns >= MaxFailures)
            {
                (staff.FailedSignIns, staff.LockedUntil) = (0, now + Lockout);
            }
            await db.SaveChangesAsync(cancellationToken);
            return UserError.Validation("staff.current-password-wrong");
        }
        return staff;
    }

    /// <summary>
    /// The person's own new password (ASVS 5.0, 6.2.2), once <see cref="VerifyCurrentPasswordAsync"/> accepted the current one: same policy
    /// as above, the person emailed and every one of their sessions ended, in the caller's transaction; the caller signs this browser in again.
    /// </summary>
    public async Task<Outcome<StaffMember>> ReplaceOwnPasswordAsync(StaffMember staff, string newPassword, CancellationToken cancellationToken)
    {
        var refusal = await passwords.RefusalAsync(PasswordOwner.StaffMember, staff.Id, staff.PasswordHash, newPassword,
            hash => hasher.VerifyHashedPassword(staff, hash, newPassword) != PasswordVerificationResult.Failed, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        await passwords.RememberReplacedAsync(PasswordOwner.StaffMember, staff.Id, staff.PasswordHash, cancellationToken);
        (staff.PasswordHash, staff.FailedSignIns) = (hasher.HashPassword(staff, newPassword), 0);
        // Staff have no language of their own; the back office's notices are in English.
        await outbox.QueueAsync("staff-password-changed", staff.Email, Language.En, "Your back-office password was changed",
            $"Hello {staff.FullName},\n\nThe password you use to sign in to the back office was just changed, and every other session of yours was signed out.\n\nIf you did not make this change, tell an administrator right away.",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(SessionAudience.Staff, staff.Id, cancellationToken);
        return staff;
    }
}

/// <summary>Writes who did what, with the before and after, into the append-only audit log, in the caller's transaction.</summary>
public sealed class StaffAudit(FacturoDbContext db, IHttpContextAccessor http, BillerClock clock)
{
    /// <summary>Accented letters as they are ("Société"), so an administrator reads the log as written; it is shown HTML-encoded.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public long CurrentStaffId => StaffAuth.StaffId(http.HttpContext!.User);
    public string CurrentStaffEmail => http.HttpContext!.User.FindFirstValue(ClaimTypes.Email)!;

    public Task RecordAsync(string action, string subject, object? before, object? after, CancellationToken cancellationToken)
    {
        var user = http.HttpContext!.User;
        return WriteAsync(StaffAuth.StaffId(user), user.FindFirstValue(ClaimTypes.Email)!, RequestAddress(), action, subject, before, after, cancellationToken);
    }

    /// <summary>What a person did before they could sign in (choosing their password from the emailed link): they are the one who acted.</summary>
    public Task RecordByAsync(StaffMember person, string action, object? before, object? after, CancellationToken cancellationToken) =>
        WriteAsync(person.Id, person.Email, RequestAddress(), action, StaffSubject(person), before, after, cancellationToken);

    /// <summary>
    /// A `facturo` command run on the server, about a staff member. The log's staff column must name a staff member, so it names
    /// the one acted on; "command line" in the email and address columns says who acted.
    /// </summary>
    public Task RecordCommandLineAsync(StaffMember subject, string action, object? before, object? after, CancellationToken cancellationToken) =>
        WriteAsync(subject.Id, $"command line ({Environment.UserName})", CommandLine, action, StaffSubject(subject), before, after, cancellationToken);

    public const string CommandLine = "command line";

    public static string StaffSubject(StaffMember staff) => $"staff {staff.Email}";

    private string RequestAddress() => http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "";

    private async Task WriteAsync(long staffId, string staffEmail, string address, string action, string subject, object? before, object? after, CancellationToken cancellationToken)
    {
        db.StaffAuditEntries.Add(new StaffAuditEntry
        {
            At = clock.UtcNow,
            StaffId = staffId,
            StaffEmail = staffEmail,
            Action = action,
            Subject = subject,
            Before = before is null ? null : JsonSerializer.Serialize(before, Readable),
            After = after is null ? null : JsonSerializer.Serialize(after, Readable),
            IpAddress = address,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
