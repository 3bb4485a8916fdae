/// The firm population: how many firms, when they are founded, and the mixture of segments
/// their traits are drawn from.
public struct PopulationParameters: Codable, Sendable, Equatable {
    /// Number of firms in a run.
    public var firms: Int = 1000
    /// Share of firms that exist at the first step; the rest are founded uniformly over
    /// `foundingSpreadYears`.
    public var foundedAtStart: Double = 0.3
    /// Years over which the later firms are founded.
    public var foundingSpreadYears: Double = 12
    /// Segments of the population; shares must sum to 1.
    public var segments: [Segment] = Segment.defaultMixture

    public init() {}
}

/// A distribution of one trait: its mean and standard deviation.
///
/// Traits bounded in [0, 1] are drawn from a Beta distribution with this mean and sd;
/// positive traits (productivity, employees, risk tolerance, cash) from a log-normal one.
/// `sd = 0` gives every firm the mean.
public struct TraitDistribution: Codable, Sendable, Equatable {
    public var mean: Double
    public var sd: Double
    public init(mean: Double, sd: Double) {
        self.mean = mean
        self.sd = sd
    }
}

/// One segment of the population: a share of firms and the distributions of their traits.
///
/// Segments only shape the trait distributions; no firm carries a path type, and the
/// classifier never reads the segment.
public struct Segment: Codable, Sendable, Equatable {
    public var name: String = "traditional"
    /// Share of the population in this segment.
    public var share: Double = 1.0
    /// Founder's international experience E in [0, 1] (Beta).
    public var founderExperience = TraitDistribution(mean: 0.15, sd: 0.12)
    /// Founder's global vision G in [0, 1] (Beta).
    public var globalVision = TraitDistribution(mean: 0.2, sd: 0.12)
    /// Knowledge intensity / niche nu in [0, 1] (Beta): a narrow niche shrinks the home
    /// market and widens the pull abroad.
    public var niche = TraitDistribution(mean: 0.2, sd: 0.12)
    /// Productivity phi (log-normal, mean 1 is average).
    public var productivity = TraitDistribution(mean: 1.0, sd: 0.5)
    /// Maximum tolerable risk Rmax, as a multiple of equity (log-normal).
    public var riskTolerance = TraitDistribution(mean: 0.25, sd: 0.15)
    /// Employees at founding (log-normal).
    public var employees = TraitDistribution(mean: 20, sd: 20)
    /// Cash at founding as a share of expected yearly home sales (log-normal).
    public var initialCash = TraitDistribution(mean: 0.25, sd: 0.12)
    /// Learning capacity in [0, 1] (Beta): scales every knowledge gain.
    public var learningCapacity = TraitDistribution(mean: 0.5, sd: 0.15)
    /// Networking capability in [0, 1] (Beta): scales tie formation.
    public var networkingCapability = TraitDistribution(mean: 0.4, sd: 0.15)
    /// Probability that a firm of this segment belongs to a regional cluster.
    public var clusterMembership: Double = 0.2
    /// Mean number of founder ties abroad (Poisson), times founder experience E.
    public var founderTiesPerExperience: Double = 4.0
    /// Mean strength of a founder tie, in [0, 1].
    public var founderTieStrength: Double = 0.5
    /// Exponent of closeness (1 - psychic distance) when founder ties are spread over
    /// markets: higher keeps founder ties near home.
    public var founderTieCloseness: Double = 1.0
    /// Probability that the firm protects R&D and freezes expansion in a home crisis
    /// (otherwise it keeps expanding abroad and lets R&D drain).
    public var protectsRnDInCrisis: Double = 0.5

    public init() {}

    /// The default mixed population: traditional manufacturers, knowledge-intensive
    /// start-ups, cluster firms and larger established firms.
    public static var defaultMixture: [Segment] {
        var traditional = Segment()
        traditional.name = "traditional"
        traditional.share = 0.10

        var knowledge = Segment()
        knowledge.name = "knowledge_intensive"
        knowledge.share = 0.28
        knowledge.founderExperience = TraitDistribution(mean: 0.55, sd: 0.2)
        knowledge.globalVision = TraitDistribution(mean: 0.6, sd: 0.2)
        knowledge.niche = TraitDistribution(mean: 0.65, sd: 0.18)
        knowledge.productivity = TraitDistribution(mean: 1.2, sd: 0.4)
        knowledge.riskTolerance = TraitDistribution(mean: 0.4, sd: 0.2)
        knowledge.employees = TraitDistribution(mean: 15, sd: 10)
        knowledge.initialCash = TraitDistribution(mean: 0.45, sd: 0.2)
        knowledge.learningCapacity = TraitDistribution(mean: 0.65, sd: 0.15)
        knowledge.networkingCapability = TraitDistribution(mean: 0.55, sd: 0.15)
        knowledge.clusterMembership = 0.15
        knowledge.founderTiesPerExperience = 6
        knowledge.founderTieCloseness = 0.3

        var cluster = Segment()
        cluster.name = "cluster"
        cluster.share = 0.36
        cluster.founderExperience = TraitDistribution(mean: 0.2, sd: 0.12)
        cluster.globalVision = TraitDistribution(mean: 0.12, sd: 0.08)
        cluster.niche = TraitDistribution(mean: 0.3, sd: 0.15)
        cluster.networkingCapability = TraitDistribution(mean: 0.6, sd: 0.15)
        cluster.clusterMembership = 0.9
        cluster.founderTieCloseness = 3.0

        var established = Segment()
        established.name = "established"
        established.share = 0.26
        established.founderExperience = TraitDistribution(mean: 0.3, sd: 0.15)
        established.globalVision = TraitDistribution(mean: 0.35, sd: 0.15)
        established.productivity = TraitDistribution(mean: 1.3, sd: 0.4)
        established.riskTolerance = TraitDistribution(mean: 0.35, sd: 0.15)
        established.employees = TraitDistribution(mean: 80, sd: 60)
        established.initialCash = TraitDistribution(mean: 0.35, sd: 0.15)
        established.clusterMembership = 0.3

        return [traditional, knowledge, cluster, established]
    }
}
