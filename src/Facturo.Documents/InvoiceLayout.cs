namespace Facturo.Documents;

internal enum Ink
{
    Text,
    Muted,
}

internal readonly record struct TextStyle(bool Bold, float Size, Ink Ink = Ink.Text);

/// <summary>What a page shows, in points from the page's top-left corner, independent of the PDF engine.</summary>
internal abstract record PageItem;

/// <summary>Text whose baseline starts at (<paramref name="X"/>, <paramref name="Y"/>).</summary>
internal sealed record TextItem(float X, float Y, string Text, TextStyle Style) : PageItem;

internal sealed record RuleItem(float Left, float Right, float Y, float Width) : PageItem;

/// <summary>A light grey band behind a table header or the amount due.</summary>
internal sealed record BandItem(float Left, float Top, float Width, float Height) : PageItem;

/// <summary>Places an invoice on letter-size pages: header, customer, lines (repeating the table header), totals on the last page.</summary>
internal sealed class InvoiceLayout
{
    public const float PageWidth = 612f;
    public const float PageHeight = 792f;

    private const float Left = 48f;
    private const float Right = PageWidth - 48f;
    private const float LabelColumn = 340f;
    // Wide enough for "Conditions de paiement : payable sur réception".
    private const float HeaderLabelColumn = 316f;
    private const float ContentBottom = 736f;
    private const float FooterRule = 750f;
    private const float LineHeight = 12f;
    private const float ContinuationTop = 104f;
    private const float TableHeaderHeight = 22f;
    private const float TotalsLeft = 290f;
    private const float TotalsAmountWidth = 80f;
    private const float TotalsRowHeight = 15f;
    private const float ColumnGap = 10f;
    private const float LegendGap = 5f;

    // Table columns: line number and numbers are right-aligned on these edges.
    private const float NumberRight = 68f;
    private const float DescriptionLeft = 78f;
    private const float DescriptionWidth = 250f;
    private const float QuantityRight = 384f;
    private const float UnitPriceRight = 468f;

    private static readonly TextStyle BillerStyle = new(true, 14f);
    private static readonly TextStyle TitleStyle = new(true, 20f);
    private static readonly TextStyle Body = new(false, 9.5f);
    private static readonly TextStyle BodyBold = new(true, 9.5f);
    private static readonly TextStyle Label = new(false, 9.5f, Ink.Muted);
    private static readonly TextStyle Heading = new(true, 8f, Ink.Muted);
    private static readonly TextStyle Small = new(false, 8.5f, Ink.Muted);
    private static readonly TextStyle CustomerStyle = new(true, 11f);
    private static readonly TextStyle TotalStyle = new(true, 11f);

    private readonly InvoicePdfModel _invoice;
    private readonly InvoiceText _text;
    private readonly SupplyStatuses _statuses;
    private readonly List<List<PageItem>> _pages = [];
    private List<PageItem> _page = [];
    private float _y;

    // When the lines' tax status differs, a status column takes the right edge and the number columns move left.
    private readonly float _shift;
    private readonly List<(List<string> Label, Money Amount)> _totals;
    private readonly List<string> _legend;

    private InvoiceLayout(InvoicePdfModel invoice, InvoiceText text)
    {
        _invoice = invoice;
        _text = text;
        _statuses = SupplyStatuses.Of(invoice);
        _shift = _statuses.Differ
            ? invoice.Lines.Select(l => InvoiceFonts.Measure(_statuses.CodeOf(l), Body)).Append(InvoiceFonts.Measure(text.TaxColumn, BodyBold)).Max() + ColumnGap
            : 0f;
        var zero = Money.Zero(invoice.Subtotal.Currency);
        IEnumerable<(string Label, Money Amount)> totals =
        [
            (text.Subtotal, invoice.Subtotal),
            .. invoice.Taxes.Select(t => (text.FormatTax(t, invoice.Subtotal), t.Amount)),
            .. _statuses.OutsideCanada.Select(o => (text.FormatOutsideCanada(o.Reason, o.Base), zero)),
        ];
        _totals = [.. totals.Select(row => (Wrap(InvoiceFonts.Printable(row.Label), Body, Right - TotalsAmountWidth - TotalsLeft), row.Amount))];
        _legend = _statuses.Differ ? Wrap(InvoiceFonts.Printable(text.FormatLegend(_statuses)), Small, Right - Left) : [];
    }

    private float AmountRight => Right - _shift;

    public static IReadOnlyList<IReadOnlyList<PageItem>> Compose(InvoicePdfModel invoice, DocumentLanguage language)
    {
        var layout = new InvoiceLayout(invoice, InvoiceText.For(language));
        layout.FirstPage();
        layout.Lines();
        layout.Totals();
        layout.Footers();
        return layout._pages;
    }

    private void FirstPage()
    {
        StartPage();
        var y = Write(Left, 64f, _invoice.BillerLegalName, BillerStyle, LabelColumn - Left - 16f) + 18f;
        Write(Left, y, $"{_text.Labelled(_text.GstHstNumber)} {_invoice.BillerGstHstNumber}", Small);
        if (!string.IsNullOrWhiteSpace(_invoice.BillerQstNumber))
        {
            Write(Left, y += LineHeight, $"{_text.Labelled(_text.QstNumber)} {_invoice.BillerQstNumber}", Small);
        }

        WriteRight(Right, 64f, _text.Title, TitleStyle);
        y = 88f;
        foreach (var (label, value, style) in new[]
        {
            (_text.InvoiceNumber, _invoice.InvoiceNumber, BodyBold),
            (_text.IssueDate, _text.FormatDate(_invoice.IssueDate), Body),
            (_text.DueDate, _text.FormatDate(_invoice.DueDate), BodyBold),
            (_text.Period, _text.FormatPeriod(_invoice.Period), Body),
            (_text.Terms, _text.FormatTerms(_invoice.IssueDate, _invoice.DueDate), Body),
        })
        {
            Write(HeaderLabelColumn, y, _text.Labelled(label), Label);
            WriteRight(Right, y, value, style);
            y += 14f;
        }

        y = 172f;
        Write(Left, y, _text.BillTo, Heading);
        y = Write(Left, y + 16f, _invoice.CustomerLegalName, CustomerStyle, 280f);
        foreach (var line in _invoice.CustomerAddress.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            y = Write(Left, y + LineHeight + 1f, line, Body, 280f);
        }
        Write(Left, y + LineHeight + 5f, $"{_text.Labelled(_text.CustomerNumber)} {_invoice.CustomerNumber}", Body);
        _y = Math.Max(y + 52f, 260f);
    }

    private void ContinuationPage()
    {
        StartPage();
        Write(Left, 64f, _invoice.BillerLegalName, new TextStyle(true, 12f), LabelColumn - Left - 16f);
        WriteRight(Right, 64f, string.Format(_text.Culture, _text.Continued, _invoice.InvoiceNumber), Body);
        _y = ContinuationTop;
    }

    private void TableHeader()
    {
        _page.Add(new BandItem(Left - 4f, _y - 13f, Right - Left + 8f, 19f));
        WriteRight(NumberRight, _y, _text.LineNumber, BodyBold);
        Write(DescriptionLeft, _y, _text.Description, BodyBold);
        WriteRight(QuantityRight - _shift, _y, _text.Quantity, BodyBold);
        WriteRight(UnitPriceRight - _shift, _y, _text.UnitPrice, BodyBold);
        WriteRight(AmountRight, _y, _text.Amount, BodyBold);
        if (_statuses.Differ)
        {
            Write(AmountRight + ColumnGap, _y, _text.TaxColumn, BodyBold);
        }
        _y += TableHeaderHeight;
    }

    /// <summary>
    /// Rows go on as many pages as needed, the table header repeated on each. When the totals do not fit under the
    /// last row, that row moves to the next page with them, so the totals never stand alone. Under a description go
    /// where the line was supplied, when not at the customer's address, and the certificates that exempted it.
    /// </summary>
    private void Lines()
    {
        var rows = _invoice.Lines
            .Select(line => (Line: line,
                Description: Wrap(InvoiceFonts.Printable(_text.DescriptionOf(line)), Body, DescriptionWidth - _shift),
                Notes: Notes(line).SelectMany(note => Wrap(InvoiceFonts.Printable(note), Small, DescriptionWidth - _shift)).ToList()))
            .ToList();
        var breaks = PageBreaks(rows.Select(r => (r.Description.Count + r.Notes.Count) * LineHeight + 6f).ToList());

        TableHeader();
        for (var i = 0; i < rows.Count; i++)
        {
            var (line, description, notes) = rows[i];
            if (breaks.Contains(i))
            {
                ContinuationPage();
                TableHeader();
            }
            WriteRight(NumberRight, _y, line.LineNumber.ToString(_text.Culture), Label);
            for (var d = 0; d < description.Count; d++)
            {
                _page.Add(new TextItem(DescriptionLeft, _y + d * LineHeight, description[d], Body));
            }
            WriteRight(QuantityRight - _shift, _y, _text.FormatQuantity(line.Quantity), Body);
            WriteRight(UnitPriceRight - _shift, _y, _text.FormatMoney(line.UnitPrice), Body);
            WriteRight(AmountRight, _y, _text.FormatMoney(line.Amount), Body);
            if (_statuses.Differ)
            {
                _page.Add(new TextItem(AmountRight + ColumnGap, _y, _statuses.CodeOf(line), Body));
            }
            for (var n = 0; n < notes.Count; n++)
            {
                _page.Add(new TextItem(DescriptionLeft, _y + (description.Count + n) * LineHeight, notes[n], Small));
            }
            _y += (description.Count + notes.Count) * LineHeight + 6f;
            _page.Add(new RuleItem(Left, Right, _y - LineHeight + 1f, 0.25f));
        }
    }

    private IEnumerable<string> Notes(InvoicePdfLine line)
    {
        if (_statuses.DestinationOf(line) is { } destination)
        {
            yield return _text.FormatDestination(destination);
        }
        if (line.Taxation.ExemptionCertificates.Count > 0)
        {
            yield return _text.FormatExemptionCertificates(line.Taxation.ExemptionCertificates);
        }
    }

    /// <summary>The indexes of the rows that start a new page.</summary>
    private HashSet<int> PageBreaks(List<float> heights)
    {
        var breaks = new HashSet<int>();
        var y = _y + TableHeaderHeight;
        for (var i = 0; i < heights.Count; i++)
        {
            if (y + heights[i] - LineHeight > ContentBottom)
            {
                breaks.Add(i);
                y = ContinuationTop + TableHeaderHeight;
            }
            y += heights[i];
        }
        if (heights.Count > 0 && y + TotalsHeight() > ContentBottom)
        {
            breaks.Add(heights.Count - 1);
        }
        return breaks;
    }

    /// <summary>Subtotal, each tax by rate and province, the supplies outside Canada by reason, the total; then the legend of the status codes.</summary>
    private void Totals()
    {
        if (_y + TotalsHeight() > ContentBottom)
        {
            ContinuationPage();
        }

        var y = _y + 10f;
        foreach (var (label, amount) in _totals)
        {
            for (var l = 0; l < label.Count; l++)
            {
                _page.Add(new TextItem(TotalsLeft, y + l * LineHeight, label[l], Body));
            }
            // On the label's last line, so the amount reads after its whole label.
            WriteRight(Right, y + (label.Count - 1) * LineHeight, _text.FormatMoney(amount), Body);
            y += TotalsRowHeight + (label.Count - 1) * LineHeight;
        }
        _page.Add(new RuleItem(TotalsLeft, Right, y - 10f, 0.75f));
        y += 5f;
        Write(TotalsLeft, y, _text.Total, TotalStyle);
        WriteRight(Right, y, _text.FormatMoney(_invoice.Total), TotalStyle);

        y += 30f;
        var due = InvoiceFonts.Printable(string.Format(_text.Culture, _text.AmountDueBy, _text.FormatDate(_invoice.DueDate)));
        var dueLeft = Math.Min(LabelColumn, Right - InvoiceFonts.Measure(due + _text.FormatMoney(_invoice.Total), BodyBold) - 24f);
        _page.Add(new BandItem(dueLeft - 8f, y - 14f, Right + 4f - (dueLeft - 8f), 21f));
        Write(dueLeft, y, due, BodyBold);
        WriteRight(Right, y, _text.FormatMoney(_invoice.Total), BodyBold);

        y += 34f;
        foreach (var line in _legend)
        {
            _page.Add(new TextItem(Left, y, line, Small));
            y += 11f;
        }
        y += _legend.Count > 0 ? LegendGap : 0f;
        foreach (var line in PaymentInstructions())
        {
            _page.Add(new TextItem(Left, y, line, Small));
            y += 11f;
        }
    }

    private float TotalsHeight() =>
        10f + _totals.Sum(t => TotalsRowHeight + (t.Label.Count - 1) * LineHeight) + 5f + 30f + 34f + (_legend.Count + PaymentInstructions().Count) * 11f + (_legend.Count > 0 ? LegendGap : 0f);

    private List<string> PaymentInstructions() => Wrap(
        InvoiceFonts.Printable(string.Format(_text.Culture, _text.Payment, _invoice.CustomerNumber, _invoice.InvoiceNumber)),
        Small, Right - Left);

    private void Footers()
    {
        var support = string.Format(_text.Culture, _text.Support, _invoice.SupportPhone, _invoice.SupportEmail);
        for (var i = 0; i < _pages.Count; i++)
        {
            _page = _pages[i];
            _page.Add(new RuleItem(Left, Right, FooterRule, 0.5f));
            Write(Left, FooterRule + 14f, support, Small, Right - Left - 90f);
            WriteRight(Right, FooterRule + 14f, string.Format(_text.Culture, _text.PageOf, i + 1, _pages.Count), Small);
        }
    }

    private void StartPage()
    {
        _page = [];
        _pages.Add(_page);
    }

    /// <summary>Writes left-aligned text, wrapped to <paramref name="width"/> when given; returns the last baseline.</summary>
    private float Write(float x, float y, string text, TextStyle style, float width = float.MaxValue)
    {
        foreach (var line in Wrap(InvoiceFonts.Printable(text), style, width))
        {
            _page.Add(new TextItem(x, y, line, style));
            y += style.Size + 3f;
        }
        return y - style.Size - 3f;
    }

    private void WriteRight(float right, float y, string text, TextStyle style)
    {
        var printable = InvoiceFonts.Printable(text);
        _page.Add(new TextItem(right - InvoiceFonts.Measure(printable, style), y, printable, style));
    }

    /// <summary>Breaks printable text into lines no wider than <paramref name="width"/>, at spaces, or inside a word too long for a line.</summary>
    private static List<string> Wrap(string text, TextStyle style, float width)
    {
        var lines = new List<string>();
        if (InvoiceFonts.Measure(text, style) <= width)
        {
            lines.Add(text);
            return lines;
        }
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (InvoiceFonts.Measure(candidate, style) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                lines.Add(line);
            }
            line = word;
            while (InvoiceFonts.Measure(line, style) > width && line.Length > 1)
            {
                var fits = 1;
                while (fits < line.Length && InvoiceFonts.Measure(line[..(fits + 1)], style) <= width)
                {
                    fits++;
                }
                lines.Add(line[..fits]);
                line = line[fits..];
            }
        }
        lines.Add(line);
        return lines;
    }
}
