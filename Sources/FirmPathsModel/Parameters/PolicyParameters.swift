/// Policy levers of the environment (seed 001: government support, capacity building,
/// clusters and strategic networking, innovation). All sweepable.
public struct PolicyParameters: Codable, Sendable, Equatable {
    /// Share of export entry costs (modes 1 and 2) paid by export promotion, in [0, 1].
    public var exportPromotion: Double = 0.0
    /// How much export promotion also raises the rate of own search (trade fairs,
    /// missions): search rate x (1 + boost x exportPromotion).
    public var promotionSearchBoost: Double = 1.0
    /// Capacity building: every learning rate x (1 + capacityBuilding).
    public var capacityBuilding: Double = 0.0
    /// Cluster programmes: tie formation of cluster members x (1 + clusterProgramme).
    public var clusterProgramme: Double = 0.0
    /// Innovation support: share of R&D spending subsidised, in [0, 1).
    public var innovationSupport: Double = 0.0
    public init() {}
}
