import Vocabulary

/// A 5×7 bitmap font for the symbol labels drawn on overlays: just the characters mathscan can
/// recognise, so an overlay needs no font files.
enum OverlayFont {
    static let width = 5
    static let height = 7

    /// Rows top to bottom, "#" = ink. Keys are the LaTeX labels the classifier emits.
    private static let glyphs: [String: [String]] = [
        "0": [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
        "1": ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        "2": [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
        "3": ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
        "4": ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
        "5": ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
        "6": ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
        "7": ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
        "8": [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
        "9": [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
        "+": ["     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "],
        "-": ["     ", "     ", "     ", "#####", "     ", "     ", "     "],
        MathSymbol.times: ["     ", "#   #", " # # ", "  #  ", " # # ", "#   #", "     "],
        MathSymbol.divide: ["     ", "  #  ", "     ", "#####", "     ", "  #  ", "     "],
        "=": ["     ", "     ", "#####", "     ", "#####", "     ", "     "],
        ".": ["     ", "     ", "     ", "     ", "     ", " ##  ", " ##  "],
        MathSymbol.multiplicationDot: ["     ", "     ", "     ", " ##  ", " ##  ", "     ", "     "],
        "(": ["   # ", "  #  ", " #   ", " #   ", " #   ", "  #  ", "   # "],
        ")": [" #   ", "  #  ", "   # ", "   # ", "   # ", "  #  ", " #   "],
        "?": [" ### ", "#   #", "    #", "   # ", "  #  ", "     ", "  #  "],
    ]

    /// The ink pattern of a label, `?` for labels this font lacks.
    static func bitmap(for label: String) -> [String] {
        glyphs[label] ?? glyphs["?"] ?? []
    }
}
