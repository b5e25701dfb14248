using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary>
/// Staff accounts from the command line: a password never travels as an argument (the process list and shell history show
/// those); it comes from standard input or a prompt that does not echo it. Every change is in the audit log, by "command line".
/// </summary>
public abstract class StaffCommandTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string FirstPassword = "Snow falls on the quiet harbour";
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await FacturoProcess.RunAsync(_database.Options, "migrate");
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Add_staff_reads_the_password_from_standard_input_and_audits_the_creation_as_the_command_line()
    {
        var (exitCode, output, errors) = await FacturoProcess.RunWithInputAsync(_database.Options, FirstPassword + "\n",
            "add-staff", "--email", "Robin@Staff.example", "--name", "Robin Operator", "--role", "BillingOperator", "--password-stdin");

        Assert.True(exitCode == 0, errors);
        Assert.Contains("robin@staff.example", output, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        var staff = await db.StaffMembers.SingleAsync();
        Assert.Equal(("robin@staff.example", StaffRole.BillingOperator), (staff.Email, staff.Role));
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<StaffMember>().VerifyHashedPassword(staff, staff.PasswordHash, FirstPassword));
        var audit = await db.StaffAuditEntries.SingleAsync();
        Assert.Equal(("staff.add", "staff robin@staff.example", "command line"), (audit.Action, audit.Subject, audit.IpAddress));
        Assert.StartsWith("command line", audit.StaffEmail, StringComparison.Ordinal);
        Assert.DoesNotContain(FirstPassword, audit.After ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_given_as_an_argument_is_refused_and_creates_nobody()
    {
        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options,
            "add-staff", "--email", "robin@staff.example", "--name", "Robin Operator", "--role", "Sales", "--password", FirstPassword);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--password-stdin", errors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.False(await db.StaffMembers.AnyAsync());
    }

    [Fact]
    public async Task Set_staff_password_reads_standard_input_applies_the_policy_and_is_audited()
    {
        await FacturoProcess.RunWithInputAsync(_database.Options, FirstPassword + "\n",
            "add-staff", "--email", "robin@staff.example", "--name", "Robin Operator", "--role", "Sales", "--password-stdin");

        var weak = await FacturoProcess.RunWithInputAsync(_database.Options, "password123\n", "set-staff-password", "--email", "robin@staff.example", "--password-stdin");
        var argument = await FacturoProcess.RunAsync(_database.Options, "set-staff-password", "--email", "robin@staff.example", "--password", "Harbour lights at midnight");
        var changed = await FacturoProcess.RunWithInputAsync(_database.Options, "Harbour lights at midnight\n", "set-staff-password", "--email", "robin@staff.example", "--password-stdin");

        Assert.Equal(FacturoCli.Refused, weak.ExitCode);
        Assert.Contains("12 characters", weak.Errors, StringComparison.Ordinal);
        Assert.NotEqual(0, argument.ExitCode);
        Assert.True(changed.ExitCode == 0, changed.Errors);
        await using var db = _database.NewContext();
        var staff = await db.StaffMembers.SingleAsync();
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<StaffMember>().VerifyHashedPassword(staff, staff.PasswordHash, "Harbour lights at midnight"));
        Assert.Equal(["staff.add", "staff.password-set"], await db.StaffAuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task Disable_and_enable_staff_are_audited_as_the_command_line()
    {
        await FacturoProcess.RunWithInputAsync(_database.Options, FirstPassword + "\n",
            "add-staff", "--email", "robin@staff.example", "--name", "Robin Operator", "--role", "Sales", "--password-stdin");

        var disabled = await FacturoProcess.RunAsync(_database.Options, "disable-staff", "--email", "robin@staff.example");
        var enabled = await FacturoProcess.RunAsync(_database.Options, "enable-staff", "--email", "robin@staff.example");

        Assert.Equal((0, 0), (disabled.ExitCode, enabled.ExitCode));
        await using var db = _database.NewContext();
        var entries = await db.StaffAuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["staff.add", "staff.disable", "staff.enable"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("staff robin@staff.example", "command line"), (e.Subject, e.IpAddress)));
    }
}

public sealed class StaffCommandTestsOnSqlite() : StaffCommandTests(DatabaseProvider.Sqlite);
public sealed class StaffCommandTestsOnPostgres() : StaffCommandTests(DatabaseProvider.Postgres);
