import Testing
import FirmPathsIO

@Suite struct JSONOverlayTests {
    let defaults: JSONValue = [
        "model": ["psychicDistance": 0.5, "learningRate": 0.1],
        "segments": [["name": "default", "share": 1.0, "size": 10, "offices": []]],
        "seed": 1,
    ]

    func segmentDefault(_ path: JSONPath) -> JSONValue? {
        switch path.patternDescription {
        case "segments[*]": return defaults["segments"]?[0]
        case "segments[*].offices[*]": return ["city": "Oslo", "staff": 1]
        default: return nil
        }
    }

    @Test func replacesValuesAndKeepsDefaults() {
        let user: JSONValue = ["model": ["learningRate": 0.3], "seed": 9]
        let result = overlay(user, onto: defaults, arrayElementDefaults: segmentDefault)
        #expect(result.unknownKeys.isEmpty)
        #expect(result.value["model"] == ["psychicDistance": 0.5, "learningRate": 0.3])
        #expect(result.value["seed"] == 9)
        #expect(result.value["segments"] == defaults["segments"])
        #expect(result.value.objectValue?.keys == ["model", "segments", "seed"])
    }

    @Test func completesArrayElementsFromElementDefaults() {
        let user: JSONValue = [
            "segments": [
                ["name": "a", "share": 0.4],
                ["name": "b", "share": 0.6, "offices": [["staff": 3]]],
            ],
        ]
        let result = overlay(user, onto: defaults, arrayElementDefaults: segmentDefault)
        #expect(result.unknownKeys.isEmpty)
        #expect(result.value["segments"] == [
            ["name": "a", "share": 0.4, "size": 10, "offices": []],
            ["name": "b", "share": 0.6, "size": 10, "offices": [["city": "Oslo", "staff": 3]]],
        ])
        #expect(result.value["segments"]?[0]?.objectValue?.keys == ["name", "share", "size", "offices"])
    }

    @Test func reportsUnknownKeysWithSuggestions() {
        let user: JSONValue = [
            "model": ["psychicDistanse": 0.7],
            "segments": [["name": "a"], ["name": "b", "sizee": 3]],
            "extra": true,
        ]
        let result = overlay(user, onto: defaults, arrayElementDefaults: segmentDefault)
        #expect(result.unknownKeys.map(\.description) == [
            "unknown key `model.psychicDistanse`; did you mean `psychicDistance`?",
            "unknown key `segments[1].sizee`; did you mean `size`?",
            "unknown key `extra`",
        ])
        #expect(result.unknownKeys[1].key == "sizee")
        #expect(result.unknownKeys[1].path == JSONPath([.key("segments"), .index(1), .key("sizee")]))
        // Unknown values are kept so the decoder can reject them as well.
        #expect(result.value["extra"] == true)
    }

    @Test func keepsMismatchedUserValuesForTheDecoder() {
        let user: JSONValue = ["model": "fast", "seed": "x", "segments": [1, "two"]]
        let result = overlay(user, onto: defaults, arrayElementDefaults: segmentDefault)
        #expect(result.unknownKeys.isEmpty)
        #expect(result.value["model"] == "fast")
        #expect(result.value["seed"] == "x")
        #expect(result.value["segments"] == [1, "two"])
    }

    @Test func keepsElementsVerbatimWithoutElementDefault() {
        let user: JSONValue = ["segments": [["anything": 1]]]
        let result = overlay(user, onto: defaults)
        #expect(result.unknownKeys.isEmpty)
        #expect(result.value["segments"] == [["anything": 1]])
    }

    @Test func computesEditDistances() {
        #expect(levenshtein("kitten", "sitting") == 3)
        #expect(levenshtein("", "abc") == 3)
        #expect(levenshtein("abc", "") == 3)
        #expect(levenshtein("same", "same") == 0)
        #expect(levenshtein("é", "e") == 1)
        #expect(closestMatch(to: "psychicDistanse", in: ["learningRate", "psychicDistance"]) == "psychicDistance")
        #expect(closestMatch(to: "sede", in: ["seed", "size"]) == "seed")
        #expect(closestMatch(to: "xyz", in: ["model", "segments"]) == nil)
        #expect(closestMatch(to: "ab", in: ["cd"], maxDistance: 1) == nil)
    }
}
