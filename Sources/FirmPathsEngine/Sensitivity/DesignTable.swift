import FirmPathsIO

/// `design.csv` of a sensitivity analysis: one row per design point with its place in the
/// design, every parameter's value and the seed of every replication.
///
/// With `runs.csv` (one row per run, `run = point * replications + replication`) it is all
/// another tool needs: SALib's `morris.analyze` takes the parameter columns as `X` and the
/// point means of an outcome as `Y`; `sobol.analyze` takes the point means in point order.
public enum DesignTable {
    /// The rows of a Morris design: `trajectory, point, <parameters>, seed_0 ... seed_{n-1}`.
    public static func morris(_ design: MorrisDesign, plan: RunPlan) -> [UInt8] {
        let pointsPerTrajectory = design.factorCount + 1
        return table(leading: ["trajectory"], paths: design.paths, plan: plan) { point in
            [String(point / pointsPerTrajectory)]
        }
    }

    /// The rows of Saltelli's design: `sample, matrix, point, <parameters>, seed_0 ... seed_{n-1}`,
    /// `sample` the base sample (0 ... N - 1) and `matrix` the row's origin (`A`, `AB_j`, `BA_j`, `B`).
    public static func saltelli(_ design: SaltelliDesign, plan: RunPlan) -> [UInt8] {
        table(leading: ["sample", "matrix"], paths: design.paths, plan: plan) { point in
            [String(point / design.blockSize), design.matrix(ofPoint: point)]
        }
    }

    /// The header and rows for `plan`'s points, each preceded by `leading(point)` and `point`.
    static func table(leading names: [String], paths: [String], plan: RunPlan,
                      leading: (Int) -> [String]) -> [UInt8] {
        var buffer = CSVBuffer(capacity: plan.points.count * (paths.count + plan.replications + 2) * 12)
        buffer.appendHeader(names + ["point"] + paths + (0..<plan.replications).map { "seed_\($0)" })
        for point in plan.points {
            for field in leading(point.index) { buffer.appendField(field) }
            buffer.appendField(point.index)
            for (_, value) in point.values { buffer.appendField(value) }
            for r in 0..<plan.replications { buffer.appendField(String(plan.seed(point: point.index, replication: r))) }
            buffer.endRow()
        }
        return buffer.bytes
    }
}
