/// The workforce follows the output sold abroad (Penrose 1959: a firm grows by the productive
/// services its growth calls for; Bernard & Jensen 1999: exporters' employment grows faster;
/// Eaton, Eslava, Kugler & Tybout 2008: surviving new exporters expand).
///
/// The goods a firm sells abroad have to be made: at the firm's output per worker,
/// `homeSalesPerEmployee x productivity`, its foreign sales need
/// `foreign sales / (homeSalesPerEmployee x productivity)` workers. The export staff moves
/// towards that need at `exportStaffingSpeed` per year (hiring and shedding take time) and is
/// part of the firm's workforce: it counts in the firm's size (the scale of its foreign
/// potential, its management capacity, its survival), but it makes no home sales and adds no
/// home overhead. A firm that loses its foreign markets sheds the staff again. The home
/// workforce follows the margin as before (`Survival.swift`). `exportStaffingSpeed` 0 switches
/// the mechanism off: the export staff stays 0.
extension FirmStepContext {
    /// Moves firm i's export staff towards what its foreign sales of this step need.
    @inline(__always)
    mutating func staffExports(firm i: Int) {
        let speed = model.operations.exportStaffingSpeed
        guard speed > 0 else { return }
        let outputPerWorker = model.operations.homeSalesPerEmployee * store.productivity[i]
        let needed = scratch.foreignSales / outputPerWorker
        let current = store.exportStaff[i]
        let change = min(1, speed * rates.dt) * (needed - current)
        store.exportStaff[i] = current + change
        store.employees[i] += change
    }
}
