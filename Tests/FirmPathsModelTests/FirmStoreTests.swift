import Testing
@testable import FirmPathsModel

/// `FirmStore.bytesPerFirm` (the memory guard's estimate of the store) against what a store
/// actually allocates: every column found by reflection, plus the random streams.
@Suite struct FirmStoreTests {
    /// Bytes of a store's state: the elements of its `Column` properties and the streams.
    static func allocatedBytes(_ store: FirmStore) -> Int {
        var bytes = store.firmCount * MemoryLayout<RandomStream>.stride
        var columns = 0
        for child in Mirror(reflecting: store).children {
            guard let column = child.value as? any ColumnStorage else { continue }
            bytes += column.elementBytes
            columns += 1
        }
        #expect(columns > 60, "reflection found only \(columns) columns")
        return bytes
    }

    @Test(arguments: [(markets: 24, partners: 3, years: 10, steps: 4), (markets: 1, partners: 0, years: 1, steps: 1),
                      (markets: 130, partners: 8, years: 30, steps: 12)])
    func estimateIsTheAllocation(size: (markets: Int, partners: Int, years: Int, steps: Int)) {
        let firms = 50
        let store = FirmStore(firms: firms, markets: size.markets, partnerSlots: size.partners, years: size.years,
                              stepsPerYear: size.steps)
        let measured = Double(Self.allocatedBytes(store)) / Double(firms)
        let estimate = FirmStore.bytesPerFirm(markets: Double(size.markets), partnerSlots: Double(size.partners),
                                              years: Double(size.years), stepsPerYear: Double(size.steps))
        #expect(estimate == measured, "estimate \(estimate) B per firm, columns allocate \(measured) B per firm")
    }

    @Test func absurdSizesDoNotTrap() {
        let estimate = FirmStore.bytesPerFirm(markets: 1e15, partnerSlots: 1e12, years: 1e9, stepsPerYear: 1e6)
        #expect(estimate.isFinite && estimate > 1e17)
    }
}
