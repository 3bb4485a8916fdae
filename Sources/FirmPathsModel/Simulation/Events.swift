/// What happened to a firm, as recorded in `events.csv`.
public enum EventKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case founded, enter, upgrade, downgrade, exit, backsource, surprise, opportunism, rdCut, died

    public var description: String {
        switch self {
        case .founded: "founded"
        case .enter: "enter"
        case .upgrade: "upgrade"
        case .downgrade: "downgrade"
        case .exit: "exit"
        case .backsource: "backsource"
        case .surprise: "surprise"
        case .opportunism: "opportunism"
        case .rdCut: "rd_cut"
        case .died: "died"
        }
    }
}

/// Why it happened: the trigger of an entry, the kind of a surprise, the reason for leaving.
public enum EventCause: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case none
    // Triggers of opportunities (seed 002; I-model push).
    case coincidence, mainCustomer, supplier, ownSearch, unsolicitedOrder
    // Reasons to climb.
    case volumeAboveBreakEven
    // Surprises abroad (seed 002).
    case costSituation, organisation, staff, breachOfTrust, missingSupplierNetwork, opaqueBackground
    // Opportunism (seed 004).
    case apparentCooperation, excessiveProfitShare, overExploitation, appropriation
    // Reasons to step down, leave or relocate.
    case losses, costErosion, homeIdleCapacity, partnerOpportunism, exportDrain, protectRnD, ordersEnded
    // Reasons to die.
    case exogenous, bankruptcy
    // Founding.
    case startUp

    public var description: String {
        switch self {
        case .none: ""
        case .coincidence: "coincidence"
        case .mainCustomer: "main_customer"
        case .supplier: "supplier"
        case .ownSearch: "own_search"
        case .unsolicitedOrder: "unsolicited_order"
        case .volumeAboveBreakEven: "volume_above_break_even"
        case .costSituation: "cost_situation"
        case .organisation: "organisation"
        case .staff: "staff"
        case .breachOfTrust: "breach_of_trust"
        case .missingSupplierNetwork: "missing_supplier_network"
        case .opaqueBackground: "opaque_background"
        case .apparentCooperation: "apparent_cooperation"
        case .excessiveProfitShare: "excessive_profit_share"
        case .overExploitation: "over_exploitation"
        case .appropriation: "appropriation"
        case .losses: "losses"
        case .costErosion: "cost_erosion"
        case .homeIdleCapacity: "home_idle_capacity"
        case .partnerOpportunism: "partner_opportunism"
        case .exportDrain: "export_drain"
        case .protectRnD: "protect_rnd"
        case .ordersEnded: "orders_ended"
        case .exogenous: "exogenous"
        case .bankruptcy: "bankruptcy"
        case .startUp: "start_up"
        }
    }

    /// The six kinds of surprise abroad, in the order of `SurpriseParameters.kindWeights`.
    public static let surpriseKinds: [EventCause] = [
        .costSituation, .organisation, .staff, .breachOfTrust, .missingSupplierNetwork, .opaqueBackground,
    ]
    /// The four kinds of opportunism, in the order of `OpportunismParameters.kindWeights`.
    public static let opportunismKinds: [EventCause] = [
        .apparentCooperation, .excessiveProfitShare, .overExploitation, .appropriation,
    ]
}

/// One recorded event. `market` is -1 for firm-level events.
public struct FirmEvent: Sendable, Equatable {
    public var firm: Int32
    public var step: Int32
    public var market: Int16
    public var kind: EventKind
    public var cause: EventCause
    public var fromMode: Int8
    public var toMode: Int8
    /// The event's figure: investment or cost in thousand EUR for entries, upgrades,
    /// surprises and opportunism; the share of foreign production capacity relocated for
    /// a backsourcing event.
    public var value: Double
    /// Whether the operation concerned is partnered (co-operative entry).
    public var partnered: Bool

    public init(firm: Int, step: Int, market: Int, kind: EventKind, cause: EventCause,
                fromMode: Int, toMode: Int, value: Double = 0, partnered: Bool = false) {
        self.firm = Int32(firm)
        self.step = Int32(step)
        self.market = Int16(market)
        self.kind = kind
        self.cause = cause
        self.fromMode = Int8(fromMode)
        self.toMode = Int8(toMode)
        self.value = value
        self.partnered = partnered
    }
}
