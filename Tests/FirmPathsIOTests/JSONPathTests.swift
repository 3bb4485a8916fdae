import Testing
import FirmPathsIO

@Suite struct JSONPathTests {
    @Test func parsesAndFormatsCanonicalPaths() throws {
        let path = try JSONPath(parsing: "model.learning.gainByMode[2]")
        #expect(path.components == [.key("model"), .key("learning"), .key("gainByMode"), .index(2)])
        #expect(path.description == "model.learning.gainByMode[2]")
        #expect(try JSONPath(parsing: "segments[0].share").description == "segments[0].share")
        #expect(try JSONPath(parsing: "[3][1]").components == [.index(3), .index(1)])
        #expect(try JSONPath(parsing: "").isRoot)
        let odd = JSONPath([.key("a.b"), .key(""), .key("q\"x")])
        #expect(odd.description == #"["a.b"][""]["q\"x"]"#)
        #expect(try JSONPath(parsing: odd.description) == odd)
        #expect(try JSONPath(parsing: "segments[12].share").patternDescription == "segments[*].share")
        #expect(path.parent?.description == "model.learning.gainByMode")
        #expect(path.parent?.lastKey == "gainByMode")
    }

    @Test(arguments: ["a..b", ".a", "a[", "a[x]", "a]", "a[1", "a[1]b", "a.", #"["x"#, "a[99999999999999999999999]"])
    func rejectsMalformedPaths(text: String) {
        #expect(throws: JSONPathError.self) { try JSONPath(parsing: text) }
    }

    @Test func readsValues() throws {
        let value: JSONValue = ["segments": [["share": 0.4], ["share": 0.6]], "seed": 7]
        #expect(value.value(at: try JSONPath(parsing: "segments[1].share")) == 0.6)
        #expect(value.value(at: .root) == value)
        #expect(value.value(at: try JSONPath(parsing: "segments[2].share")) == nil)
        #expect(value.value(at: try JSONPath(parsing: "seed.x")) == nil)
        #expect(value["seed"]?.intValue == 7)
        #expect(value["segments"]?[0]?["share"]?.doubleValue == 0.4)
    }

    @Test func setsValuesAndNamesMissingIntermediates() throws {
        var value: JSONValue = ["model": ["rate": 0.1], "segments": [["share": 1]]]
        try value.setValue(0.2, at: JSONPath(parsing: "model.rate"))
        try value.setValue(0.5, at: JSONPath(parsing: "segments[0].share"))
        try value.setValue("new", at: JSONPath(parsing: "model.added"))
        #expect(value == ["model": ["rate": 0.2, "added": "new"], "segments": [["share": 0.5]]])
        #expect(value["model"]?.objectValue?.keys == ["rate", "added"])

        func failure(_ path: String) -> String? {
            var copy = value
            do {
                try copy.setValue(1, at: JSONPath(parsing: path))
                return nil
            } catch {
                return error.message
            }
        }
        #expect(failure("model.learning.gain") == "cannot set `model.learning.gain`: `model.learning` does not exist")
        #expect(failure("segments[3].share") == "cannot set `segments[3].share`: index 3 is out of range (`segments` has 1 elements)")
        #expect(failure("model.rate.x") == "cannot set `model.rate.x`: `model.rate` is a number, not an object")
        #expect(failure("model[0]") == "cannot set `model[0]`: `model` is an object, not an array")

        var root: JSONValue = 1
        try root.setValue("r", at: .root)
        #expect(root == "r")
    }

    @Test func listsLeafPathsInDocumentOrder() {
        let value: JSONValue = ["b": 1, "a": ["x": [true, ["y": nil]], "e": [], "o": [:]]]
        #expect(value.leafPaths().map(\.description) == ["b", "a.x[0]", "a.x[1].y", "a.e", "a.o"])
        #expect(JSONValue.number(3).leafPaths() == [.root])
    }
}
