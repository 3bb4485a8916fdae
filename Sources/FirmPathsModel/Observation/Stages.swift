/// Johanson & Mattsson (1988): the firm's own internationalization against its network's.
public enum JMQuadrant: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case earlyStarter, lateStarter, lonelyInternational, internationalAmongOthers

    public var description: String {
        switch self {
        case .earlyStarter: "early_starter"
        case .lateStarter: "late_starter"
        case .lonelyInternational: "lonely_international"
        case .internationalAmongOthers: "international_among_others"
        }
    }

    /// Low/high firm internationalization D_f against low/high network internationalization D_m.
    public static func classify(firm df: Double, network dm: Double, threshold: Double) -> JMQuadrant {
        switch (df >= threshold, dm >= threshold) {
        case (false, false): .earlyStarter
        case (false, true): .lateStarter
        case (true, false): .lonelyInternational
        case (true, true): .internationalAmongOthers
        }
    }
}

/// Stages of the innovation-related internationalization models (I-model).
public enum IModelStage: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case preExport, exportTrial, advancedExport

    public var description: String {
        switch self {
        case .preExport: "pre_export"
        case .exportTrial: "export_trial"
        case .advancedExport: "advanced_export"
        }
    }
}

/// Dollinger's six stages (seed 004), with `domestic` for a firm that does not export.
public enum DollingerStage: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case domestic, passiveExporting, exportManagement, exportDepartment, salesBranches, productionAbroad, transnational

    public var description: String {
        switch self {
        case .domestic: "domestic"
        case .passiveExporting: "passive_exporting"
        case .exportManagement: "export_management"
        case .exportDepartment: "export_department"
        case .salesBranches: "sales_branches"
        case .productionAbroad: "production_abroad"
        case .transnational: "transnational"
        }
    }
}
