/// A line read as one expression, or as a chain of sides joined by relations: `a = b = c`.
public struct Statement: Sendable, Equatable {
    /// At least one side; an equation has two or more.
    public var sides: [Expression]
    /// `relations[i]` stands between `sides[i]` and `sides[i + 1]`.
    public var relations: [RelationRule]
    /// Nothing is written after the last relation (`5 × 3 =`): there is one side fewer than
    /// relations would need, and no verdict.
    public var isUnanswered = false

    public var isEquation: Bool { !relations.isEmpty }

    /// LaTeX with single spaces between tokens: `3 \times ( 5 + 1 ) = 18`.
    public var latex: String {
        // An unanswered relation's template leaves a space where its right side would be.
        var text = fold(sides.map(\.latex)) { $0.latex }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// A complete presentation MathML element.
    public var mathML: String {
        let body = fold(sides.map(\.mathML)) { $0.mathML }
        return "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow>\(body)</mrow></math>"
    }

    private func fold(_ rendered: [String], template: (RelationRule) -> Template) -> String {
        var text = rendered.first ?? ""
        for (relation, side) in zip(relations, rendered.dropFirst() + (isUnanswered ? [""] : [])) {
            text = template(relation).render(["left": text, "right": side])
        }
        return text
    }
}
