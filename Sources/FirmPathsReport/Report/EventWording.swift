import FirmPathsIO

/// Plain-language words for the codes in `events.csv`, shared by the report, `explain` and
/// `demo` so a cause reads the same everywhere.
public enum EventWording {
    /// Modes 0...4 of the establishment chain.
    public static func modeName(_ mode: Int, partnered: Bool = false) -> String {
        switch mode {
        case 0: "no operation"
        case 1: "irregular export"
        case 2: "agent/distributor"
        case 3: partnered ? "partnered co-operation" : "sales subsidiary"
        case 4: "production abroad"
        default: "mode \(mode)"
        }
    }

    /// What a cause code means, as a phrase that completes "because of ..." or "triggered by ...".
    public static func cause(_ code: String) -> String {
        switch code {
        case "coincidence": "a chance contact"
        case "main_customer": "its main customer"
        case "supplier": "a supplier"
        case "own_search": "its own search"
        case "unsolicited_order": "an unsolicited order"
        case "volume_above_break_even": "sales above the next mode's break-even volume"
        case "cost_situation": "an unexpected cost situation"
        case "organisation": "organisational trouble"
        case "staff": "staff problems"
        case "breach_of_trust": "a breach of trust"
        case "missing_supplier_network": "a missing supplier network"
        case "opaque_background": "an opaque business background"
        case "apparent_cooperation": "merely apparent co-operation"
        case "excessive_profit_share": "a partner taking an excessive profit share"
        case "over_exploitation": "a partner over-exploiting the operation"
        case "appropriation": "a partner appropriating know-how"
        case "losses": "lasting losses"
        case "cost_erosion": "cost advantages eroding"
        case "home_idle_capacity": "idle capacity at home"
        case "partner_opportunism": "partner opportunism"
        case "export_drain": "cash drained by exporting"
        case "protect_rnd": "a crisis in which it protected R&D and froze exports"
        case "orders_ended": "its occasional orders ending"
        case "exogenous": "exogenous causes (the base death rate, higher for small firms)"
        case "bankruptcy": "bankruptcy (cash exhausted)"
        case "start_up": "start-up"
        case "": "no recorded cause"
        default: code.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// "far_rich-2 (far_rich, PD 0.50)".
    public static func market(_ e: EventRecord) -> String {
        guard !e.market.isEmpty else { return "" }
        var text = e.market + " (" + e.region
        if let pd = e.psychicDistance { text += ", PD " + fixed(pd, 2) }
        return text + ")"
    }

    /// One sentence saying what happened and why, e.g. "entered far_rich-2 (far_rich, PD 0.50)
    /// at mode 2 (agent/distributor), triggered by its main customer".
    public static func sentence(_ e: EventRecord) -> String {
        let m = market(e)
        let to = "mode \(e.toMode) (\(modeName(e.toMode, partnered: e.partnered)))"
        let from = "mode \(e.fromMode) (\(modeName(e.fromMode, partnered: e.partnered)))"
        switch e.event {
        case "founded":
            return "founded (start-up capital \(money(e.value)))"
        case "enter":
            return "entered \(m) at \(to), triggered by \(cause(e.cause)); invested \(money(e.value))"
        case "upgrade":
            return "upgraded in \(m) from \(from) to \(to), because of \(cause(e.cause)); invested \(money(e.value))"
        case "downgrade":
            return "stepped down in \(m) from \(from) to \(to), because of \(cause(e.cause))"
        case "exit":
            return "left \(m) (was at \(from)), because of \(cause(e.cause))"
        case "surprise":
            return "surprise in \(m): \(cause(e.cause)), costing \(money(e.value))"
        case "opportunism":
            return "partner opportunism in \(m): \(cause(e.cause)), costing \(money(e.value))"
        case "backsource":
            return "moved \(fixed(e.value * 100, 0)) % of production capacity home from \(m) (\(from) to \(to)), because of "
                + cause(e.cause)
        case "rd_cut":
            return "cut R&D spending, because of \(cause(e.cause))"
        case "died":
            return "closed, because of \(cause(e.cause))"
        default:
            return "\(e.event) \(m) \(e.fromMode)->\(e.toMode) (\(cause(e.cause)))"
        }
    }

    /// Thousand EUR with a unit, e.g. "40 kEUR".
    public static func money(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        return (abs(value) >= 100 ? fixed(value, 0) : fixed(value, 1)) + " kEUR"
    }

    /// A number with `digits` decimals, without Foundation's locale-dependent formatting.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "n/a" }
        guard abs(value) < 1e15 else { return String(value) }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled > 0
        var whole = String(Int(scaled / scale))
        if digits > 0 {
            let fraction = Int(scaled.truncatingRemainder(dividingBy: scale))
            var digitsText = String(fraction)
            while digitsText.count < digits { digitsText = "0" + digitsText }
            whole += "." + digitsText
        }
        return negative ? "-" + whole : whole
    }
}
