/// The page and its assets, in the binary: no request reads a file.
enum ExplorerAssets {
    static let files: [String: (type: String, text: String)] = [
        "explorer.js": ("text/javascript; charset=utf-8", script),
        "explorer.css": ("text/css; charset=utf-8", style),
    ]
    static let page = "<!doctype html><title>FirmPaths explorer</title>"
    static let script = ""
    static let style = ""
}
