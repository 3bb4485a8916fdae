import FirmPathsModel
import Testing

/// `Simulation.firstNonFiniteSetupValue` and `firstNonFiniteStepValue` (issue 14): all-finite
/// state passes, one poisoned value anywhere is found with its firm and column.
@Suite struct FiniteCheckTests {
    @Test func finiteRunHasNoNonFiniteValue() {
        let simulation = ModelTestSupport.run(ModelTestSupport.scenario(firms: 30, years: 3), seed: 5)
        #expect(simulation.firstNonFiniteSetupValue() == nil)
        #expect(simulation.firstNonFiniteStepValue(events: simulation.events) == nil)
    }

    @Test func poisonedStateIsFoundWithFirmAndColumn() {
        let simulation = ModelTestSupport.run(ModelTestSupport.scenario(firms: 30, years: 3), seed: 5)
        let last = simulation.currentStep
        for (value, firm) in [(Double.nan, 0), (.infinity, 17), (-.infinity, 29)] {
            let saved = simulation.store.cash[firm]
            simulation.store.cash[firm] = value
            let found = simulation.firstNonFiniteStepValue(events: [])
            #expect(found?.field == "cash")
            #expect(found?.firm == firm)
            #expect(found?.step == last)
            #expect(found?.source == .firmState)
            #expect(found.map { $0.value.isNaN == value.isNaN && ($0.value.isNaN || $0.value == value) } == true)
            simulation.store.cash[firm] = saved
        }
        simulation.store.productivity[3] = .infinity
        #expect(simulation.firstNonFiniteSetupValue() == NonFiniteValue(source: .firmTrait, field: "productivity", firm: 3,
                                                                        market: nil, step: last, value: .infinity))
    }

    @Test func nonFiniteEventValueIsFound() {
        let simulation = ModelTestSupport.run(ModelTestSupport.scenario(firms: 30, years: 3), seed: 5)
        guard var event = simulation.events.first else { Issue.record("no events in 3 years of 30 firms"); return }
        event.value = -.infinity
        let found = simulation.firstNonFiniteStepValue(events: [event])
        #expect(found?.source == .event)
        #expect(found?.firm == Int(event.firm))
    }
}
