import Foundation
import Testing
@testable import FirmPathsReport

@Suite struct ChartsAxisTests {
    @Test(arguments: [(0.0, 1.0), (0.0, 97.0), (2000.0, 2030.0), (-3.2, 7.9), (0.013, 0.021), (5.0, 5.0), (123456.0, 987654.0)])
    func ticksAreNiceAndCoverTheRange(range: (Double, Double)) {
        let axis = Axis(label: "v", dataMin: range.0, dataMax: range.1)
        #expect(axis.lower <= range.0)
        #expect(axis.upper >= range.1)
        #expect(axis.ticks.first == axis.lower)
        #expect(axis.ticks.last == axis.upper)
        #expect(axis.ticks.count >= 2 && axis.ticks.count <= 12)
        let exponent = floor(log10(axis.step))
        let mantissa = (axis.step / pow(10, exponent) * 1000).rounded() / 1000
        #expect([1, 2, 5].contains(mantissa))
        for (a, b) in zip(axis.ticks, axis.ticks.dropFirst()) {
            #expect(abs(b - a - axis.step) < axis.step * 1e-6)
        }
    }

    @Test func nonFiniteBoundsStillGiveAnAxis() {
        let axis = Axis(label: "v", dataMin: .nan, dataMax: .infinity)
        #expect(axis.ticks.allSatisfy { $0.isFinite })
        #expect(axis.ticks.count >= 2)
    }

    @Test func includeZeroExtendsTheRange() {
        let axis = Axis(label: "v", dataMin: 40, dataMax: 90, includeZero: true)
        #expect(axis.lower == 0)
        #expect(axis.upper >= 90)
    }

    @Test func integerTicksHaveNoDecimals() {
        let axis = Axis(label: "Year", dataMin: 2000, dataMax: 2030)
        #expect(axis.ticks.map(axis.tickLabel) .allSatisfy { !$0.contains(".") })
        #expect(axis.tickLabel(2010) == "2010")
    }

    @Test func fractionalTicksShowJustEnoughDecimals() {
        let axis = Axis(label: "r", dataMin: 0, dataMax: 1, targetTicks: 5)
        #expect(axis.tickLabel(0.2) == "0.2")
        #expect(axis.tickLabel(0) == "0")
    }

    @Test func percentAxisFormatsShares() {
        let axis = Axis(label: "Share", fixed: 0...1, targetTicks: 4, isPercent: true)
        #expect(axis.ticks.first == 0)
        #expect(axis.ticks.last == 1)
        #expect(axis.tickLabel(0.5) == "50%")
        #expect(axis.tickLabel(1) == "100%")
        let fine = Axis(label: "Share", dataMin: 0.01, dataMax: 0.03, isPercent: true)
        #expect(fine.ticks.map(fine.tickLabel).allSatisfy { $0.hasSuffix("%") })
        #expect(fine.tickLabel(0.015) == "1.5%")
    }

    @Test func axisTitleCarriesUnit() {
        #expect(Axis(label: "Firms", unit: "count", dataMin: 0, dataMax: 1).title == "Firms (count)")
        #expect(Axis(label: "Year", dataMin: 0, dataMax: 1).title == "Year")
    }

    @Test func positionMapsLinearly() {
        let axis = Axis(label: "v", fixed: 0...10)
        #expect(axis.position(5, from: 100, to: 200) == 150)
        #expect(axis.position(.nan, from: 100, to: 200) == 100)
    }
}
