using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using WebEdi.Documents.Barcodes;
using WebEdi.Documents.Fonts;
using WebEdi.Documents.Formatting;

namespace WebEdi.Documents.Layout;

/// <summary>The parts every WebEdi form shares: A4 geometry, title, label/value boxes, totals, stamp, footer.</summary>
internal static class FormParts
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Left = 30;
    public const double Right = PageWidth - 30;
    public const double Width = Right - Left;
    public const double Top = 28;
    public const double FooterTop = PageHeight - 30;

    public static readonly TextStyle Small = new(JapaneseFace.Gothic, 7.5);
    public static readonly TextStyle Body = new(JapaneseFace.Gothic, 8.5);
    public static readonly TextStyle BodyBold = new(JapaneseFace.Gothic, 8.5, Bold: true);

    public static PdfPage AddA4Page(PdfDocument document)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        return page;
    }

    /// <summary>The title, characters spaced as forms set them (納　品　書), centred, with a double rule under it.</summary>
    public static void Title(Canvas canvas, string title, string? suffix, double top)
    {
        var style = new TextStyle(JapaneseFace.Mincho, 20, Bold: true);
        var suffixStyle = new TextStyle(JapaneseFace.Mincho, 12, Bold: true);
        const double gap = 10;
        var runes = title.EnumerateRunes().Select(r => r.ToString()).ToList();
        var titleWidth = runes.Sum(r => canvas.Fonts.Width(r, style)) + (gap * (runes.Count - 1));
        var suffixWidth = suffix is null ? 0 : canvas.Fonts.Width(suffix, suffixStyle) + 4;
        var x = Left + ((Width - titleWidth - suffixWidth) / 2);
        var start = x;
        foreach (var rune in runes)
        {
            canvas.Text(rune, style, x, top);
            x += canvas.Fonts.Width(rune, style) + gap;
        }

        if (suffix is not null)
        {
            canvas.Text(suffix, suffixStyle, x - gap + 4, top + 7);
        }

        var end = start + titleWidth + suffixWidth;
        canvas.Line(start - 12, top + 27, end + 12, top + 27, Canvas.HeavyRule);
        canvas.Line(start - 12, top + 29.5, end + 12, top + 29.5);
    }

    /// <summary>
    /// A ruled box of label/value rows (label cells shaded); values wrap, and every line is drawn: callers check
    /// beforehand that the text fits the space they gave the box. Returns the bottom edge.
    /// </summary>
    public static double InfoBox(Canvas canvas, double x, double y, double labelWidth, double valueWidth, IEnumerable<InfoRow> rows)
    {
        foreach (var row in rows)
        {
            var shown = canvas.Fonts.Wrap(row.Value, row.Style, valueWidth - 6);
            var height = Math.Max(row.MinLines, shown.Count) * (row.Style.Size + 3) + 5;
            canvas.Fill(x, y, labelWidth, height, Canvas.HeadingFill);
            canvas.Box(x, y, labelWidth, height);
            canvas.Box(x + labelWidth, y, valueWidth, height);
            canvas.Text(row.Label, Small, x, y + ((height - Small.Size) / 2) - 1, Align.Center, labelWidth);
            var top = y + ((height - (shown.Count * (row.Style.Size + 3))) / 2) + 1;
            foreach (var line in shown)
            {
                canvas.Text(line, row.Style, x + labelWidth + 3, top, row.Align, valueWidth - 6);
                top += row.Style.Size + 3;
            }

            y += height;
        }

        return y;
    }

    /// <summary>A red boxed 再発行 (n回目) stamp, so a reprint is never taken for a second shipment.</summary>
    public static void ReprintStamp(Canvas canvas, int reprintCount, double x, double y)
    {
        if (reprintCount <= 0)
        {
            return;
        }

        var style = new TextStyle(JapaneseFace.Gothic, 11, Bold: true);
        var text = string.Create(CultureInfo.InvariantCulture, $"再発行 ({reprintCount}回目)");
        var width = canvas.Fonts.Width(text, style) + 14;
        canvas.Box(x, y, width, 22, Canvas.StampRule);
        canvas.Text(text, style, x, y + 5, Align.Center, width, Canvas.StampInk);
    }

    /// <summary>The barcode with its number (framed by *, as Code 39 labels print it) under it, right-aligned at <paramref name="right"/>.</summary>
    public static void Barcode(Canvas canvas, string value, double right, double top, double barHeight)
    {
        var width = Code39.Width(value);
        Code39.DrawBars((x, y, w, h) => canvas.Fill(x, y, w, h, Canvas.Ink), value, right - width, top, barHeight);
        canvas.Text("*" + value + "*", new TextStyle(JapaneseFace.Gothic, 8), right - width, top + barHeight + 1.5, Align.Center, width);
    }

    /// <summary>
    /// Subtotal, taxable amount and tax per rate, grand total, right-aligned figures. Returns the bottom edge.
    /// </summary>
    public static double Totals(Canvas canvas, TaxTotals totals, double x, double y, double width)
    {
        var rows = new List<InfoRow> { new("小計(税抜)", JapaneseFormat.Yen(totals.Subtotal), Body, Align: Align.Right) };
        foreach (var rate in totals.ByRate)
        {
            var label = JapaneseFormat.TaxRate(rate.Rate) + (IsReducedRate(rate.Rate) ? "対象(軽減)" : "対象");
            rows.Add(new InfoRow(label, JapaneseFormat.Yen(rate.TaxableAmount), Body, Align: Align.Right));
            rows.Add(new InfoRow("消費税 " + JapaneseFormat.TaxRate(rate.Rate), JapaneseFormat.Yen(rate.Tax), Body, Align: Align.Right));
        }

        var bottom = InfoBox(canvas, x, y, width * 0.45, width * 0.55, rows);
        return InfoBox(canvas, x, bottom, width * 0.45, width * 0.55,
            [new("合計(税込)", JapaneseFormat.Yen(totals.GrandTotal), new TextStyle(JapaneseFace.Gothic, 11, Bold: true), MinLines: 1, Align: Align.Right)]);
    }

    /// <summary>Height <see cref="Totals"/> takes for <paramref name="rates"/> tax rates.</summary>
    public static double TotalsHeight(int rates) => ((1 + (2 * rates)) * (Body.Size + 8)) + 11 + 8;

    /// <summary>The 8 % rate has been the reduced rate (軽減税率) only since October 2019; such lines are marked ※.</summary>
    public static bool IsReducedRate(decimal rate) => rate == 8m;

    public static readonly TextStyle Addressee = new(JapaneseFace.Mincho, 13, Bold: true);
    public static readonly TextStyle SmallAddressee = new(JapaneseFace.Mincho, 10, Bold: true);
    public static readonly TextStyle SenderName = new(JapaneseFace.Gothic, 10.5, Bold: true);
    public const double PartyWidth = 262;
    public const double SenderLeft = Right - 236;
    public const double SealSize = 64;
    public const double DateBoxWidth = 84;
    public const double ClosingBoxHeight = SealSize + 14;

    /// <summary>The addressee's name with 御中, at 13 pt on one line or 10 pt on two.</summary>
    public static (List<string> Lines, TextStyle Style) AddresseeLines(PdfFonts fonts, string name)
    {
        var text = name + "　御中";
        var lines = fonts.Wrap(text, Addressee, PartyWidth);
        return lines.Count == 1 ? (lines, Addressee) : (fonts.Wrap(text, SmallAddressee, PartyWidth), SmallAddressee);
    }

    /// <summary>The addressee (御中) over a rule with a code line beneath, at the top left. Returns the bottom edge.</summary>
    public static double AddresseeBlock(Canvas canvas, string name, string codeLine, double top)
    {
        var (lines, style) = AddresseeLines(canvas.Fonts, name);
        var y = top;
        foreach (var line in lines)
        {
            canvas.Text(line, style, Left, y);
            y += style.Size + 3;
        }

        canvas.Line(Left, y + 1, Left + PartyWidth, y + 1);
        canvas.Text(codeLine, Small, Left, y + 4, brush: Canvas.GrayInk);
        return y + 14;
    }

    /// <summary>The issuing company at the top right: name, a code line, address, phone and registration number.</summary>
    public static void SenderBlock(Canvas canvas, DocumentCompany company, string codeLine, string? extraLine, double top)
    {
        var x = SenderLeft;
        var y = top;
        canvas.Text(company.Name, SenderName, x, y);
        y += 14;
        canvas.Text(codeLine, BodyBold, x, y);
        canvas.Text("(" + company.Code + ")", Small, x, y + 1, Align.Right, Right - x, Canvas.GrayInk);
        y += 12;
        if (company.Address is { } address)
        {
            y = canvas.Lines(canvas.Fonts.Wrap(address, Small, Right - x), Small, x, y, 9.5);
        }

        var contact = string.Join("　", new[]
        {
            company.Phone is { } phone ? "TEL " + phone : null,
            company.InvoiceRegistrationNumber is { } registration ? "登録番号 " + registration : null,
        }.Where(s => s is not null));
        canvas.Text(contact, Small, x, y);
        if (extraLine is not null)
        {
            canvas.Text(extraLine, Small, x, y + 9.5);
        }
    }

    /// <summary>Checks that the header texts fit the room <see cref="AddresseeBlock"/> and <see cref="SenderBlock"/> give them.</summary>
    public static void CheckPartiesFit(ContentCheck check, PdfFonts fonts, string addresseeField, string addressee, string senderField, DocumentCompany sender)
    {
        check.Rule(AddresseeLines(fonts, addressee).Lines.Count <= 2, addresseeField, null, $"{addresseeField} is too long for the header (two lines).");
        check.Rule(fonts.Wrap(sender.Name, SenderName, Right - SenderLeft).Count <= 1, senderField + ".Name", null,
            $"{senderField}.Name is too long for the header (one line).");
        check.Rule(sender.Address is null || fonts.Wrap(sender.Address, Small, Right - SenderLeft).Count <= 2, senderField + ".Address", null,
            $"{senderField}.Address is too long for the header (two lines).");
    }

    /// <summary>Width of the remarks box beside totals <paramref name="totalsWidth"/> wide, with or without a seal box.</summary>
    public static double RemarksWidth(double totalsWidth, bool sealBox) => Width - totalsWidth - 8 - (sealBox ? DateBoxWidth + SealSize + 12 : 0);

    /// <summary>
    /// The last page's closing block: remarks (備考) at the left, optionally the receipt's date line and seal box
    /// (受領印), and the totals at the right, <paramref name="totalsWidth"/> wide.
    /// </summary>
    public static void Closing(Canvas canvas, TaxTotals totals, string? remarks, bool hasReducedRate, bool sealBox, double totalsWidth, double top)
    {
        Totals(canvas, totals, Right - totalsWidth, top, totalsWidth);
        var remarksWidth = RemarksWidth(totalsWidth, sealBox);
        canvas.Box(Left, top, remarksWidth, ClosingBoxHeight);
        canvas.Text("備考", Small, Left + 3, top + 3, brush: Canvas.GrayInk);
        if (remarks is not null)
        {
            canvas.Lines(canvas.Fonts.Wrap(remarks, Small, remarksWidth - 6), Small, Left + 3, top + 14, 9.5);
        }

        if (hasReducedRate)
        {
            canvas.Text("※印は軽減税率(8%)対象品目です。", Small, Left + 3, top + ClosingBoxHeight - 11);
        }

        if (sealBox)
        {
            // The receiving dock dates and stamps here; the supplier files the returned receipt.
            var x = Left + remarksWidth + 8;
            LabelledBox(canvas, "受領日", x, top, DateBoxWidth);
            canvas.Text("年　　月　　日", Body, x, top + 12 + ((SealSize - Body.Size) / 2), Align.Right, DateBoxWidth - 6);
            LabelledBox(canvas, "受領印", x + DateBoxWidth + 4, top, SealSize);
        }
    }

    private static void LabelledBox(Canvas canvas, string label, double x, double top, double width)
    {
        canvas.Fill(x, top, width, 12, Canvas.HeadingFill);
        canvas.Box(x, top, width, 12);
        canvas.Text(label, Small, x, top + 2, Align.Center, width);
        canvas.Box(x, top + 12, width, SealSize + 2, Canvas.HeavyRule);
    }

    /// <summary>Height of <see cref="Closing"/> for <paramref name="rates"/> tax rates, with the gap above it.</summary>
    public static double ClosingHeight(int rates) => Math.Max(TotalsHeight(rates), ClosingBoxHeight) + 8;

    /// <summary>Copy name and number at the left, page x / y in the middle: a loose page still says what it is.</summary>
    public static void Footer(Canvas canvas, string label, int page, int pages)
    {
        canvas.Line(Left, FooterTop, Right, FooterTop, Canvas.HairRule);
        canvas.Text(label, Small, Left, FooterTop + 3, brush: Canvas.GrayInk);
        canvas.Text(string.Create(CultureInfo.InvariantCulture, $"{page} / {pages}"), Small, Left, FooterTop + 3, Align.Center, Width);
        canvas.Text("WebEdi", Small, Left, FooterTop + 3, Align.Right, Width, Canvas.GrayInk);
    }
}

/// <summary>One label/value row of <see cref="FormParts.InfoBox"/>.</summary>
internal sealed record InfoRow(string Label, string Value, TextStyle Style, int MinLines = 1, Align Align = Align.Left);
