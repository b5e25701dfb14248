using CsCheck;

namespace Facturo.Accounts;

public class AccountFormTests
{
    private static readonly EBillingPrefixes Prefixes = EBillingPrefixes.Of("1", "9");
    private static readonly AccountDefaults Defaults = new(CreditTerms.Net30, Currency.Cad);

    private static readonly AccountForm Good = new("1234567", "Imprimerie Laurentienne inc.", "100 rue Principale", null, "Montréal", "CA", "QC", "h2x1y4",
        "Commercial", "30", "CAD", "fr", "factures@laurentienne.example", "Electronic");

    [Fact]
    public void A_well_typed_account_gives_its_details_written_the_way_they_are_kept()
    {
        var problems = (Good with { LegalName = "  Imprimerie   Laurentienne inc. ", Program = "petite entreprise", Delivery = "Papier", Language = "Français" })
            .Check(Prefixes, Defaults, out var details);

        Assert.Empty(problems);
        Assert.Equal(("1234567", "Imprimerie Laurentienne inc.", "H2X 1Y4", BillingProgram.SmallBusiness, DeliveryPreference.Paper, Language.Fr),
            (details!.Number.Value, details.LegalName, details.Address.PostalCode, details.Program, details.Delivery, details.Language));
    }

    [Fact]
    public void Left_out_values_are_canada_commercial_electronic_and_the_billers_terms_and_currency()
    {
        var problems = (Good with { Country = " ", Program = "", CreditTerms = null, Currency = "", Delivery = null, BillingEmail = "" })
            .Check(Prefixes, new AccountDefaults(CreditTerms.Net15, Currency.Usd), out var details);

        Assert.Empty(problems);
        Assert.Equal(("CA", BillingProgram.Commercial, 15, Currency.Usd, DeliveryPreference.Electronic, ""),
            (details!.Address.Country, details.Program, details.CreditTerms.Days, details.Currency, details.Delivery, details.BillingEmail));
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once_with_what_was_typed_and_no_details_are_given()
    {
        var form = new AccountForm("12-34", " ", "", null, "Ottawa", "CA", "ON", "K1A 0B", "Gold", "net 200", "EUR", "de", "billing@", "fax");

        var problems = form.Check(Prefixes, Defaults, out var details);

        Assert.Null(details);
        Assert.Equal(
        [
            (AccountField.CustomerNumber, "account.number", "12-34"), (AccountField.LegalName, "admin.legal-name", ""),
            (AccountField.AddressLine1, "address.incomplete", ""), (AccountField.PostalCode, "address.postal-code", "K1A 0B"),
            (AccountField.Program, "account.program", "Gold"), (AccountField.CreditTerms, "account.credit-terms", "net 200"),
            (AccountField.Currency, "account.currency", "EUR"), (AccountField.Language, "account.language", "de"),
            (AccountField.BillingEmail, "account.billing-email", "billing@"), (AccountField.Delivery, "account.delivery", "fax"),
        ], problems.Select(p => (p.Field, p.Code, p.Typed)));
    }

    [Theory]
    [InlineData("5000001")]
    [InlineData("0123456")]
    public void A_customer_number_outside_the_billers_prefixes_is_refused(string number)
    {
        var problems = (Good with { CustomerNumber = number }).Check(Prefixes, Defaults, out _);

        Assert.Equal([(AccountField.CustomerNumber, "account.number-prefix")], problems.Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void A_number_with_an_ineligible_prefix_is_a_customer_number_of_the_biller_but_not_eligible_for_e_billing()
    {
        var transition = CustomerNumber.Parse("9000011");

        Assert.Empty((Good with { CustomerNumber = "9000011" }).Check(Prefixes, Defaults, out _));
        Assert.False(Prefixes.IsEligible(transition));
        Assert.True(Prefixes.IsEligible(CustomerNumber.Parse("1000001")));
        Assert.Equal("1, 9", Prefixes.AllowedBeginnings);
    }

    [Fact]
    public void An_account_keeps_a_number_from_before_the_prefixes_changed_without_it_becoming_eligible()
    {
        var old = CustomerNumber.Parse("5000001");

        var kept = Prefixes.Keeping(old);

        Assert.Empty((Good with { CustomerNumber = "5000001" }).Check(kept, Defaults, out _));
        Assert.False(kept.IsEligible(old));
        Assert.False(kept.Covers(CustomerNumber.Parse("5000002")));
        Assert.Same(Prefixes, Prefixes.Keeping(CustomerNumber.Parse("1000001")));
    }

    [Fact]
    public void The_prefix_rule_agrees_with_the_eligibility_rule_for_every_number()
    {
        var prefixes = EBillingPrefixes.Of("1, 42", "9,421");
        Gen.String[Gen.Char['0', '9'], 7, 10].Sample(digits =>
        {
            var number = CustomerNumber.Parse(digits);
            var eligible = !digits.StartsWith('9') && !digits.StartsWith("421", StringComparison.Ordinal) && (digits.StartsWith('1') || digits.StartsWith("42", StringComparison.Ordinal));
            var covered = digits.StartsWith('1') || digits.StartsWith('9') || digits.StartsWith("42", StringComparison.Ordinal);
            return prefixes.IsEligible(number) == eligible && prefixes.Covers(number) == covered;
        });
    }

    [Fact]
    public void A_legal_name_is_kept_with_single_spaces_and_nothing_at_either_end()
    {
        var word = Gen.String[Gen.Char.AlphaNumeric, 1, 12];
        var gap = Gen.String[Gen.OneOf(Gen.Const(' '), Gen.Const('\t'), Gen.Const('\n')), 1, 3];
        Gen.Select(word.Array[1, 6], gap, gap).Sample((words, between, around) =>
        {
            var typed = around + string.Join(between, words) + around;
            var expected = string.Join(' ', words);
            return LegalName.TryParse(typed, out var name) == expected.Length <= LegalName.MaxLength && (name is null || name == expected);
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bell\u0007 Canada")]
    public void A_legal_name_that_is_empty_or_holds_control_characters_is_refused(string? typed)
    {
        Assert.False(LegalName.TryParse(typed, out _));
        Assert.False(LegalName.TryParse(new string('a', LegalName.MaxLength + 1), out _));
        Assert.True(LegalName.TryParse(new string('a', LegalName.MaxLength), out _));
    }

    [Fact]
    public void Credit_terms_are_read_from_0_to_120_days_with_or_without_net()
    {
        Gen.Select(Gen.Int[0, 999], Gen.OneOf(Gen.Const(""), Gen.Const("net "), Gen.Const("Net"), Gen.Const(" NET  "))).Sample((days, net) =>
            CreditTerms.TryParse($"{net}{days} ", out var terms) == days <= CreditTerms.MaxDays && (days > CreditTerms.MaxDays || terms.Days == days));
        Assert.False(CreditTerms.TryParse("-5", out _));
        Assert.False(CreditTerms.TryParse("30 days", out _));
    }

    [Fact]
    public void Program_delivery_and_language_are_read_in_french_or_english_however_they_are_cased_or_accented()
    {
        var (programs, deliveries, languages) = (
            new[] { ("Commercial", BillingProgram.Commercial), ("Small business", BillingProgram.SmallBusiness), ("PETITE-ENTREPRISE", BillingProgram.SmallBusiness), ("SmallBusiness", BillingProgram.SmallBusiness) },
            new[] { ("Électronique", DeliveryPreference.Electronic), ("electronic", DeliveryPreference.Electronic), ("Courriel", DeliveryPreference.Electronic), ("PAPIER", DeliveryPreference.Paper), ("paper", DeliveryPreference.Paper) },
            new[] { ("fr", Language.Fr), ("fr-CA", Language.Fr), ("Français", Language.Fr), ("French", Language.Fr), ("EN", Language.En), ("Anglais", Language.En), ("english", Language.En) });

        Assert.All(programs, p => Assert.True(AccountChoices.TryParseProgram(p.Item1, out var read) && read == p.Item2, p.Item1));
        Assert.All(deliveries, d => Assert.True(AccountChoices.TryParseDelivery(d.Item1, out var read) && read == d.Item2, d.Item1));
        Assert.All(languages, l => Assert.True(AccountChoices.TryParseLanguage(l.Item1, out var read) && read == l.Item2, l.Item1));
    }

    [Fact]
    public void Every_program_delivery_and_language_reads_back_from_its_own_name_in_any_case()
    {
        Gen.Select(Gen.Enum<BillingProgram>(), Gen.Enum<DeliveryPreference>(), Gen.Enum<Language>(), Gen.Bool).Sample((program, delivery, language, upper) =>
        {
            string Cased(string text) => upper ? text.ToUpperInvariant() : text.ToLowerInvariant();
            return AccountChoices.TryParseProgram(Cased(program.ToString()), out var p) && p == program
                && AccountChoices.TryParseDelivery(Cased(delivery.ToString()), out var d) && d == delivery
                && AccountChoices.TryParseLanguage(Cased(language.ToCode()), out var l) && l == language;
        });
        Assert.False(AccountChoices.TryParseProgram("premium", out _));
        Assert.False(AccountChoices.TryParseDelivery("", out _));
        Assert.False(AccountChoices.TryParseLanguage("es", out _));
    }

    [Fact]
    public void Only_the_currencies_the_biller_invoices_in_are_read()
    {
        Gen.String[Gen.Char.AlphaNumeric, 0, 4].Sample(code =>
            Currency.TryParse(code, out var currency) == (code.Equals("CAD", StringComparison.OrdinalIgnoreCase) || code.Equals("USD", StringComparison.OrdinalIgnoreCase))
            && (currency == default || currency.Code.Equals(code, StringComparison.OrdinalIgnoreCase)));
        Assert.True(Currency.TryParse(" usd ", out var usd) && usd == Currency.Usd);
    }
}
