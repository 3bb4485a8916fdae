import FirmPathsIO

/// A lever of the explorer page: a slider or switch that becomes `--set` overrides.
///
/// The explorer checks only that a value has the lever's type (a number or true/false); its
/// range is checked by the scenario validator, after the overrides are applied, exactly as for
/// `firmpaths run --set` and scenario files, so the page shows the validator's own messages.
public struct Lever: Sendable {
    public enum Kind: String, Sendable {
        case range, toggle, whole
    }

    public var id: String
    public var group: String
    public var label: String
    public var help: String
    public var kind: Kind
    /// The slider's bounds and step (the page's; the validator has the last word).
    public var min: Double
    public var max: Double
    public var step: Double
    /// Overrides (`PATH=VALUE`) for a value, given the scenario they apply to.
    let overrides: @Sendable (JSONValue, JSONValue) -> [String]
    /// The lever's value in a resolved scenario (for population traits: the share-weighted mean), nil when it has none.
    let current: @Sendable (JSONValue) -> JSONValue?

    /// The lever as the page needs it.
    var json: JSONValue {
        .object(JSONObject([("id", .string(id)), ("group", .string(group)), ("label", .string(label)), ("help", .string(help)),
                            ("kind", .string(kind.rawValue)), ("min", .number(min)), ("max", .number(max)), ("step", .number(step))]))
    }
}

/// The levers a class talks about: policy, population, world, and the run's size and seed.
public enum LeverCatalog {
    public static let all: [Lever] = policy + population + world + run

    static func simple(_ path: String, group: String, label: String, help: String, kind: Lever.Kind = .range,
                       min: Double, max: Double, step: Double) -> Lever {
        Lever(id: path, group: group, label: label, help: help, kind: kind, min: min, max: max, step: step,
              overrides: { value, _ in ["\(path)=\(text(value))"] },
              current: { resolved in
                  guard let jsonPath = try? JSONPath(parsing: path) else { return nil }
                  return resolved.value(at: jsonPath)
              })
    }

    static let policy: [Lever] = [
        simple("policy.exportPromotion", group: "Policy", label: "Export promotion",
               help: "Share of the cost of searching foreign markets the state pays (trade fairs, missions).",
               min: 0, max: 1, step: 0.05),
        simple("policy.capacityBuilding", group: "Policy", label: "Capacity building",
               help: "Training that speeds up learning about foreign markets (factor; 0 = none).", min: 0, max: 2, step: 0.1),
        simple("policy.clusterProgramme", group: "Policy", label: "Cluster programme",
               help: "Support for cluster networks that pass on foreign contacts (factor; 0 = none).", min: 0, max: 2, step: 0.1),
        simple("policy.innovationSupport", group: "Policy", label: "Innovation support",
               help: "Share of R&D cost the state pays (below 1).", min: 0, max: 0.9, step: 0.05),
    ]

    /// A trait mean set in every segment (the slider shows the share-weighted mean of the scenario).
    static func trait(_ key: String, label: String, help: String, min: Double, max: Double) -> Lever {
        Lever(id: "population.\(key)", group: "Population", label: label, help: help, kind: .range, min: min, max: max, step: 0.05,
              overrides: { value, resolved in
                  let count = resolved["population"]?["segments"]?.arrayValue?.count ?? 0
                  return (0..<count).map { "population.segments[\($0)].\(key).mean=\(text(value))" }
              },
              current: { resolved in
                  guard let segments = resolved["population"]?["segments"]?.arrayValue, !segments.isEmpty else { return nil }
                  var sum = 0.0, weight = 0.0
                  for segment in segments {
                      let share = segment["share"]?.doubleValue ?? 0
                      sum += share * (segment[key]?["mean"]?.doubleValue ?? 0)
                      weight += share
                  }
                  return weight > 0 ? .number((sum / weight * 100).rounded() / 100) : nil
              })
    }

    static let knowledgeSegment = "knowledge_intensive"

    static let population: [Lever] = [
        trait("founderExperience", label: "Founder experience",
              help: "Mean international experience of founders, in every segment (0-1).", min: 0.05, max: 0.95),
        trait("globalVision", label: "Global vision",
              help: "Mean global vision of founders from the start, in every segment (0-1).", min: 0.05, max: 0.95),
        trait("niche", label: "Niche focus", help: "Mean niche specialisation, in every segment (0-1).", min: 0.05, max: 0.95),
        trait("riskTolerance", label: "Risk tolerance",
              help: "Mean tolerable risk as a multiple of equity, in every segment.", min: 0.05, max: 1),
        Lever(id: "population.knowledgeIntensiveShare", group: "Population", label: "Knowledge-intensive firms",
              help: "Share of the segment knowledge_intensive; the other segments keep their proportions.",
              kind: .range, min: 0, max: 1, step: 0.05,
              overrides: { value, resolved in
                  guard let segments = resolved["population"]?["segments"]?.arrayValue,
                        let k = segments.firstIndex(where: { $0["name"]?.stringValue == knowledgeSegment }),
                        let share = value.doubleValue else {
                      return ["population.segments.\(knowledgeSegment).share=\(text(value))"]
                  }
                  let others = segments.enumerated().filter { $0.offset != k }.reduce(0.0) { $0 + ($1.element["share"]?.doubleValue ?? 0) }
                  var result = ["population.segments[\(k)].share=\(text(.number(share)))"]
                  for (i, segment) in segments.enumerated() where i != k {
                      let old = segment["share"]?.doubleValue ?? 0
                      let new = others > 0 ? old / others * (1 - share) : (1 - share) / Double(segments.count - 1)
                      result.append("population.segments[\(i)].share=\(text(.number(new)))")
                  }
                  return result
              },
              current: { resolved in
                  resolved["population"]?["segments"]?.arrayValue?.first { $0["name"]?.stringValue == knowledgeSegment }?["share"]
              }),
    ]

    static let defaultCrisis: [(String, JSONValue)] = [("durationYears", 2), ("depth", 0.5), ("regions", ["all"])]

    static let world: [Lever] = [
        simple("model.psychicDistance.enabled", group: "World", label: "Psychic distance",
               help: "On: distant markets are harder to know and serve (Uppsala). Off: a flat world.", kind: .toggle,
               min: 0, max: 1, step: 1),
        simple("model.psychicDistance.distanceAversion", group: "World", label: "Distance aversion",
               help: "How strongly firms prefer near markets when choosing where to go next (exponent).", min: 0, max: 10, step: 0.5),
        simple("model.surprises.enabled", group: "World", label: "Surprises abroad",
               help: "On: unexpected costs, breaches of trust and other surprises in foreign markets.", kind: .toggle,
               min: 0, max: 1, step: 1),
        Lever(id: "environment.crisisYear", group: "World", label: "Crisis year",
              help: "Year a demand crisis starts in every market (-1: no crisis). Keeps the scenario's crisis length and depth.",
              kind: .whole, min: -1, max: 29, step: 1,
              overrides: { value, resolved in
                  guard let year = value.doubleValue, year >= 0 else { return ["environment.crises=[]"] }
                  var crisis = JSONObject([("startYear", .number(year))] + defaultCrisis)
                  if let first = resolved["environment"]?["crises"]?.arrayValue?.first?.objectValue {
                      crisis = JSONObject([("startYear", .number(year))] + first.members.filter { $0.key != "startYear" }.map { ($0.key, $0.value) })
                  }
                  return ["environment.crises=" + text(.array([.object(crisis)]))]
              },
              current: { resolved in
                  let crises = resolved["environment"]?["crises"]?.arrayValue ?? []
                  return crises.first?["startYear"] ?? .number(-1)
              }),
    ]

    static let run: [Lever] = [
        simple("population.firms", group: "Run", label: "Firms", help: "Number of firms simulated.", kind: .whole,
               min: 50, max: 2000, step: 50),
        simple("seed", group: "Run", label: "Seed", help: "The run's seed: the same seed gives the same run, byte for byte.",
               kind: .whole, min: 0, max: 9999, step: 1),
    ]

    static func text(_ value: JSONValue) -> String {
        (try? value.serialized(pretty: false)) ?? "null"
    }

    public static func lever(_ id: String) -> Lever? { all.first { $0.id == id } }
}
