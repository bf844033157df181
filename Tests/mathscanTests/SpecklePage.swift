import ImageDecoding

/// A pathological page: white, with `count` dark specks of 2 to 7 pixels placed by a fixed seed.
enum SpecklePage {
    static func make(width: Int = 2000, height: Int = 1500, count: Int = 3000) -> GrayImage {
        var page = GrayImage(width: width, height: height)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<count {
            let size = 2 + next(6), x = next(width - size), y = next(height - size)
            for row in y..<y + size { for column in x..<x + size { page.pixels[row * width + column] = UInt8(next(80)) } }
        }
        return page
    }
}
