import Foundation

/// The Ishigami function (Ishigami and Homma 1990), the usual test of Sobol' estimators:
/// `f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1` with `x` uniform on `[-pi, pi]^3`, whose indices
/// are known in closed form.
public struct IshigamiFunction: Sendable {
    public var a: Double
    public var b: Double

    /// The common parameters `a = 7`, `b = 0.1`.
    public init(a: Double = 7, b: Double = 0.1) {
        self.a = a
        self.b = b
    }

    /// Parameter names and ranges.
    public static let paths = ["x1", "x2", "x3"]
    public static let bounds = (min: -Double.pi, max: Double.pi)

    /// The function at `x`.
    public func callAsFunction(_ x: [Double]) -> Double {
        let s1 = sin(x[0])
        let s2 = sin(x[1])
        return s1 + a * s2 * s2 + b * x[2] * x[2] * x[2] * x[2] * s1
    }

    /// Analytic first-order and total indices of x1, x2, x3.
    ///
    /// `V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2`, `V1 = (1 + b pi^4/5)^2 / 2`, `V2 = a^2/8`,
    /// `V3 = 0`, `V13 = b^2 pi^8 (1/18 - 1/50)`; `ST1 = (V1 + V13)/V`, `ST2 = V2/V`, `ST3 = V13/V`.
    public var analytic: (first: [Double], total: [Double]) {
        let pi4 = Double.pi * Double.pi * Double.pi * Double.pi
        let v = a * a / 8 + b * pi4 / 5 + b * b * pi4 * pi4 / 18 + 0.5
        let v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5)
        let v2 = a * a / 8
        let v13 = b * b * pi4 * pi4 * (1.0 / 18 - 1.0 / 50)
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v])
    }
}
