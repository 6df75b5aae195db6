import FaceImaging

/// Renders one synthetic face: a layered 2-D model evaluated per pixel with anti-aliased edges.
///
/// Each pixel centre is mapped back into face units through the image's similarity transform (roll, scale,
/// position); each layer (background, shoulders, neck, long hair, ears, head, hair cap, brows, eyes, nose, mouth,
/// marks) gives a colour and a coverage from an approximate signed distance (ramp one pixel wide). Small yaw and
/// pitch shift each feature by its depth. Only +, −, ×, ÷, √, comparisons and rounding are used, so the same
/// parameters give the same bytes everywhere.
struct FaceRenderer {
    let subject: SyntheticSubject
    let variation: ImageVariation

    /// Depth-dependent feature shift for yaw and pitch.
    @inline(__always)
    private func shift(_ depth: Double) -> (x: Double, y: Double) {
        (variation.yaw * subject.headHalfWidth * depth, variation.pitch * 30 * depth)
    }

    /// Where the eye centres land in the image (pixel coordinates, origin at the top-left image corner).
    func eyes() -> EyePositions {
        let (sx, sy) = shift(0.55)
        let (sin, cos) = ExactMath.sinCos(variation.roll)
        func toImage(_ u: Double, _ v: Double) -> ImagePoint {
            ImagePoint(
                x: variation.centreX + variation.scale * (cos * u - sin * v),
                y: variation.centreY + variation.scale * (sin * u + cos * v))
        }
        return EyePositions(
            left: toImage(-subject.eyeHalfSpacing + sx, sy), right: toImage(subject.eyeHalfSpacing + sx, sy))
    }

    /// Renders an RGB image.
    ///
    /// - Throws: ``FaceImageError`` only if the sides are not positive.
    /// - Complexity: O(width × height × layers).
    func render(width: Int, height: Int) throws(FaceImageError) -> FaceImage {
        let (sin, cos) = ExactMath.sinCos(variation.roll)
        let inverseScale = 1 / variation.scale
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let gainR = variation.brightness * (1 + variation.warmth)
        let gainG = variation.brightness
        let gainB = variation.brightness * (1 - variation.warmth)
        let noiseScale = variation.noise * 2.449_489_742_783_178  // σ · √6 for a triangular variable
        for y in 0..<height {
            for x in 0..<width {
                let dx = Double(x) + 0.5 - variation.centreX, dy = Double(y) + 0.5 - variation.centreY
                let u = (cos * dx + sin * dy) * inverseScale
                let v = (-sin * dx + cos * dy) * inverseScale
                let colour = shade(u, v, pixel: inverseScale, imageY: Double(y) / Double(height))
                let n = (pixelHash(variation.pixelSeed, x / 2, y / 2) + pixelHash(variation.pixelSeed ^ 0xA5A5, x / 2, y / 2) - 1)
                    * noiseScale
                let base = 3 * (y * width + x)
                pixels[base] = Self.byte(colour.r * gainR * 255 + n)
                pixels[base + 1] = Self.byte(colour.g * gainG * 255 + n)
                pixels[base + 2] = Self.byte(colour.b * gainB * 255 + n)
            }
        }
        return try FaceImage(width: width, height: height, format: .rgb8, pixels: pixels)
    }

    @inline(__always)
    private static func byte(_ value: Double) -> UInt8 { UInt8(min(max(value, 0), 255).rounded()) }

    /// Signed distance to an axis-aligned ellipse (approximate: exact on the boundary, first order near it).
    @inline(__always)
    private static func ellipse(_ x: Double, _ y: Double, _ a: Double, _ b: Double) -> Double {
        let px = x / a, py = y / b
        let r = (px * px + py * py).squareRoot()
        let gx = x / (a * a), gy = y / (b * b)
        let gradient = (gx * gx + gy * gy).squareRoot()
        guard gradient > 1e-12 else { return -min(a, b) }
        return (r - 1) * r / gradient
    }

    @inline(__always)
    private static func frac(_ x: Double) -> Double { x - x.rounded(.down) }

    private func shade(_ u: Double, _ v: Double, pixel: Double, imageY: Double) -> RGB {
        let s = subject, vr = variation
        // Background: vertical gradient.
        var colour = vr.background.scaled(1 + vr.backgroundGradient * (imageY - 0.5) * 2)

        let head = shift(0.25)
        let hx = u - head.x, hv = v - head.y * 0.5
        let W = s.headHalfWidth

        // Shoulders and neck.
        let shoulders = Self.ellipse(hx, v - (s.chin + 72), W * 2.3, 62)
        if shoulders < pixel {
            let fold = 0.9 + 0.1 * ExactMath.saturate(1 - abs(hx) / (W * 2))
            colour = colour.mixed(with: vr.shirt.scaled(fold), by: ExactMath.coverage(shoulders, pixel: pixel))
        }
        let neckHalf = W * 0.58
        if v > 20 && abs(hx) < neckHalf + 2 {
            let neckDistance = max(abs(hx) - neckHalf, 20 - v)
            let neckShade = 0.72 + 0.1 * ExactMath.saturate((v - s.chin) / 30)
            colour = colour.mixed(
                with: s.skin.scaled(neckShade), by: ExactMath.coverage(neckDistance, pixel: pixel))
        }

        // Long hair behind the head: falls to below the chin, rounded at the bottom.
        if s.hairStyle == .long {
            let back = Self.ellipse(hx, hv - 12, W + s.hairVolume + 5, -s.headTop + 12 + s.hairVolume + 22)
            let cut = v - (s.chin + 22 + 8 * s.hairPart)
            let backDistance = max(back, cut)
            if backDistance < pixel {
                colour = colour.mixed(
                    with: hairColour(u, v).scaled(0.72), by: ExactMath.coverage(backDistance, pixel: pixel))
            }
        }

        // Ears (shift opposite to the face when it turns).
        let earShift = shift(-0.3)
        for side in [-1.0, 1.0] {
            let ex = u - earShift.x - side * (W - 1), ey = v - 8
            let ear = Self.ellipse(ex, ey, 6.5 * s.earSize, 15 * s.earSize)
            if ear < pixel {
                let inner = Self.ellipse(ex + side * 1.5, ey, 3.5 * s.earSize, 10 * s.earSize)
                let earColour = s.skin.scaled(0.82 - 0.12 * ExactMath.coverage(inner, pixel: pixel * 3))
                colour = colour.mixed(with: earColour, by: ExactMath.coverage(ear, pixel: pixel))
            }
        }

        // Head with a tapering jaw, lit as an ellipsoid.
        let t = max(0, hv) / s.chin
        let halfWidth = W * (1 - s.jawTaper * t * t)
        let halfHeight = hv < 0 ? -s.headTop : s.chin
        let headDistance = Self.ellipse(hx, hv, halfWidth, halfHeight)
        var face = s.skin
        if headDistance < pixel {
            // Ellipsoid normal and Lambertian light.
            let nx = hx / (W * 1.15), ny = hv / (halfHeight * 1.15)
            let nz = max(0, 1 - nx * nx - ny * ny).squareRoot()
            let lz = 1.0
            let lengthL = (vr.lightX * vr.lightX + vr.lightY * vr.lightY + lz * lz).squareRoot()
            let diffuse = max(0, nx * vr.lightX + ny * vr.lightY + nz * lz) / lengthL
            var light = vr.ambient + (1 - vr.ambient) * 1.15 * diffuse
            // Cheek blush and jaw shadow.
            for side in [-1.0, 1.0] {
                let cheek = Self.ellipse(u - shift(0.5).x - side * 24, v - 26, 12, 9)
                if cheek < 6 {
                    face = face.mixed(with: s.lips, by: 0.12 * ExactMath.smoothstep(6, -6, cheek))
                }
            }
            light *= 1 - 0.12 * ExactMath.smoothstep(s.chin - 18, s.chin, hv)
            face = featureColour(face, u, v, pixel: pixel)
            face = face.scaled(light)
            colour = colour.mixed(with: face, by: ExactMath.coverage(headDistance, pixel: pixel))
        }

        // Hair: inside the head outline grown by the hair volume, above the hairline, plus side hair that hugs the
        // head down the temples (to the jaw for long hair).
        let sideDepth = s.hairStyle == .long ? 40.0 : 4.0
        let volume = s.hairVolume * (0.25 + 0.75 * ExactMath.smoothstep(sideDepth, sideDepth - 45, v))
        let grown = Self.ellipse(hx, hv, halfWidth + volume, (hv < 0 ? -s.headTop : s.chin) + volume)
        if grown < pixel && v < sideDepth + 2 {
            let across = hx / W
            var line = s.hairline + 10 * across * across
            switch s.hairStyle {
            case .fringe: line = s.hairline + 4 * across * across + 3 * s.hairPart * across
            case .receding: line = s.hairline + 26 * across * across * (1 - across * across) + 14 * across * across
            case .long, .short: line += 6 * s.hairPart * across
            }
            let thickness = s.hairStyle == .long ? 8.0 : 3.5
            let cap = max(grown, v - line)
            let sideHair = max(max(grown, -thickness - headDistance), v - sideDepth + 0.15 * max(0, abs(hx) - W))
            let hairDistance = min(cap, sideHair)
            if hairDistance < pixel {
                let shadow = 0.85 + 0.15 * ExactMath.saturate((line - v) / 12)
                colour = colour.mixed(
                    with: hairColour(u, v).scaled(shadow), by: ExactMath.coverage(hairDistance, pixel: pixel))
            }
        }
        return colour
    }

    /// Hair with strands: a triangle wave along a direction that fans out from the parting, plus a fixed grain.
    private func hairColour(_ u: Double, _ v: Double) -> RGB {
        let s = subject
        let fromPart = u - s.hairPart * s.headHalfWidth
        let strand = (fromPart + v * s.strandSlant * (fromPart < 0 ? -1 : 1)) * s.strandFrequency
        let wave = abs(Self.frac(strand + 0.3 * Self.frac(v * 0.05)) - 0.5) * 2
        let grain = Self.valueNoise(s.textureSeed ^ 0x4A1B, u * 0.5, v * 0.08, cell: 1)
        return s.hair.scaled(0.78 + 0.3 * wave + 0.12 * grain)
    }

    /// Smoothly interpolated lattice noise in [0, 1] (value noise with a Hermite blend), fixed in face units.
    private static func valueNoise(_ seed: UInt64, _ u: Double, _ v: Double, cell: Double) -> Double {
        let x = u / cell, y = v / cell
        let x0 = x.rounded(.down), y0 = y.rounded(.down)
        let tx = x - x0, ty = y - y0
        let ix = Int(x0), iy = Int(y0)
        let sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty)
        let a = pixelHash(seed, ix, iy), b = pixelHash(seed, ix + 1, iy)
        let c = pixelHash(seed, ix, iy + 1), d = pixelHash(seed, ix + 1, iy + 1)
        let top = a + (b - a) * sx, bottom = c + (d - c) * sx
        return top + (bottom - top) * sy
    }

    /// The inner face features over skin colour `skin` at face point (u, v).
    private func featureColour(_ skin: RGB, _ u: Double, _ v: Double, pixel: Double) -> RGB {
        let s = subject, vr = variation
        // The subject's own skin texture: two octaves of value noise pinned to the face.
        let skinShift = shift(0.5)
        let tu = u - skinShift.x, tv = v - skinShift.y
        let fine = Self.valueNoise(s.textureSeed, tu * s.textureCellY / s.textureCellX, tv, cell: s.textureCellY)
        let coarse = Self.valueNoise(s.textureSeed ^ 0x7E57, tu, tv, cell: 9)
        var colour = skin.scaled(1 + s.textureStrength * ((fine - 0.5) * 1.6 + (coarse - 0.5) * 1.0))
        let dark = s.skin.scaled(0.45)

        // Forehead wrinkles with age, raised brows deepen them.
        if s.wrinkles > 0 && v < -s.browHeight - 6 && v > -s.browHeight - 26 && abs(u) < 26 {
            let depth = s.wrinkles * (0.5 + 0.25 * vr.browRaise)
            let wave = abs(Self.frac((v + s.browHeight) / 6.5) - 0.5) * 2
            colour = colour.scaled(1 - 0.05 * depth * ExactMath.smoothstep(0.75, 1, wave))
        }

        // Moles.
        let markShift = shift(0.5)
        for mole in s.moles {
            let d = Self.ellipse(u - markShift.x - mole.x, v - markShift.y - mole.y, mole.r, mole.r)
            if d < pixel {
                colour = colour.mixed(with: dark.scaled(0.9), by: mole.darkness * ExactMath.coverage(d, pixel: pixel))
            }
        }

        // Brows.
        let browShift = shift(0.6)
        for side in [-1.0, 1.0] {
            let cx = side * (s.eyeHalfSpacing + 1.5) + browShift.x
            let cy = -s.browHeight - vr.browRaise + browShift.y
            let t = (u - cx) * side / s.browHalfLength
            if abs(t) < 1.3 && abs(v - cy) < 12 {
                let centre = cy - s.browArch * (1 - t * t) + s.browTilt * t
                let half = s.browThickness * 0.5 * (1 - 0.45 * max(0, t))
                let d = max(abs(v - centre) - half, (abs(t) - 1) * s.browHalfLength)
                if d < pixel {
                    let density = 0.75 + 0.25 * Self.valueNoise(s.textureSeed ^ 0xB40, u, v, cell: 1.5)
                    colour = colour.mixed(
                        with: s.hair.scaled(0.8), by: density * ExactMath.coverage(d, pixel: pixel))
                }
            }
        }

        // Eyes: socket shadow, sclera, iris, pupil, lid line, catch light.
        let eyeShift = shift(0.55)
        for side in [-1.0, 1.0] {
            let cx = side * s.eyeHalfSpacing + eyeShift.x, cy = eyeShift.y
            let ex = u - cx, ey = v - cy
            guard abs(ex) < s.eyeHalfWidth + 8 && abs(ey) < 14 else { continue }
            let socket = Self.ellipse(ex, ey + 2, s.eyeHalfWidth + 4, 8)
            if socket < 4 { colour = colour.scaled(1 - 0.1 * ExactMath.smoothstep(4, -4, socket)) }
            let t = ex / s.eyeHalfWidth
            let tilt = s.eyeTilt * ex * side
            let open = 1 - t * t
            let upper = -s.eyeHalfHeight * vr.eyeOpen * open - tilt
            let lower = s.eyeHalfHeight * 0.75 * open - tilt
            let inside = max(max(upper - ey, ey - lower), (abs(t) - 1) * s.eyeHalfWidth * 0.5)
            // Crease above the lid.
            let crease = abs(ey - (upper - 3.2)) - 0.6
            if abs(t) < 1.05 && crease < pixel {
                colour = colour.scaled(1 - 0.12 * ExactMath.coverage(crease, pixel: pixel * 1.5))
            }
            if inside < pixel {
                var eye = RGB(0.90, 0.88, 0.85)
                let irisDistance = (ex * ex + ey * ey).squareRoot() - s.irisRadius
                if irisDistance < pixel {
                    let ring = ExactMath.saturate((ex * ex + ey * ey).squareRoot() / s.irisRadius)
                    let irisShade = s.iris.scaled(1.1 - 0.45 * ring * ring)
                    eye = eye.mixed(with: irisShade, by: ExactMath.coverage(irisDistance, pixel: pixel))
                    let pupil = (ex * ex + ey * ey).squareRoot() - s.irisRadius * 0.42
                    eye = eye.mixed(with: RGB(0.03, 0.03, 0.03), by: ExactMath.coverage(pupil, pixel: pixel))
                    let glintX = ex + 1.4 + vr.lightX, glintY = ey + 1.4
                    let glint = (glintX * glintX + glintY * glintY).squareRoot() - 0.9
                    eye = eye.mixed(with: RGB(1, 1, 1), by: 0.9 * ExactMath.coverage(glint, pixel: pixel))
                }
                // Upper lid shadow on the eyeball.
                eye = eye.scaled(1 - 0.25 * ExactMath.smoothstep(upper + 2.5, upper, ey))
                colour = colour.mixed(with: eye, by: ExactMath.coverage(inside, pixel: pixel))
            }
            let lid = max(abs(ey - upper + 0.3) - 0.9, (abs(t) - 1.08) * s.eyeHalfWidth)
            if lid < pixel {
                colour = colour.mixed(with: RGB(0.08, 0.06, 0.05), by: 0.9 * ExactMath.coverage(lid, pixel: pixel))
            }
        }

        // Glasses: rounded-rectangle rims (a superellipse of degree 4) and a bridge, over the eyes.
        if let glasses = s.glasses {
            for side in [-1.0, 1.0] {
                let gx = (u - eyeShift.x - side * s.eyeHalfSpacing) / glasses.halfWidth
                let gy = (v - eyeShift.y - 1) / glasses.halfHeight
                guard abs(gx) < 1.4 && abs(gy) < 1.6 else { continue }
                let x2 = gx * gx, y2 = gy * gy
                let radius = (x2 * x2 + y2 * y2).squareRoot().squareRoot()
                let rim = abs(radius - 1) * min(glasses.halfWidth, glasses.halfHeight) - glasses.rim * 0.5
                if rim < pixel {
                    colour = colour.mixed(with: RGB(0.08, 0.07, 0.07), by: ExactMath.coverage(rim, pixel: pixel))
                }
            }
            let bridgeY = v - eyeShift.y + 2 - 0.02 * (u - eyeShift.x) * (u - eyeShift.x)
            let bridge = max(abs(bridgeY) - glasses.rim * 0.5, abs(u - eyeShift.x) - (s.eyeHalfSpacing - glasses.halfWidth + 1))
            if bridge < pixel {
                colour = colour.mixed(with: RGB(0.08, 0.07, 0.07), by: ExactMath.coverage(bridge, pixel: pixel))
            }
        }

        // Nose: bridge shading on the side away from the light, tip highlight, wings, nostrils.
        let tip = shift(1.0), base = shift(0.85)
        let noseX = u - tip.x, noseY = v - base.y
        if abs(noseX) < s.noseHalfWidth + 6 && noseY > 4 && noseY < s.noseLength + 8 {
            let along = ExactMath.saturate((noseY - 6) / (s.noseLength - 6))
            let bridgeHalf = 4 + along * (s.noseHalfWidth * 0.55 - 4)
            let awaySide = variation.lightX >= 0 ? -1.0 : 1.0
            let sideDistance = abs(noseX - awaySide * bridgeHalf) - 1.6
            if along > 0 && along < 0.95 {
                colour = colour.scaled(
                    1 - (0.06 + 0.06 * abs(vr.lightX)) * ExactMath.smoothstep(2.5, -1.5, sideDistance))
            }
            let tipDistance = Self.ellipse(noseX, noseY - s.noseLength + 3, s.noseHalfWidth * 0.45, 4.5)
            colour = colour.scaled(1 + 0.07 * ExactMath.smoothstep(2, -3, tipDistance))
            for side in [-1.0, 1.0] {
                let wing = Self.ellipse(noseX - side * s.noseHalfWidth * 0.72, noseY - s.noseLength + 1, 4.2, 3.6)
                let wingLine = abs(wing) - 0.7
                if wingLine < pixel && noseY > s.noseLength - 3.5 {
                    colour = colour.scaled(1 - 0.22 * ExactMath.coverage(wingLine, pixel: pixel * 1.5))
                }
                let nostril = Self.ellipse(noseX - side * s.noseHalfWidth * 0.36, noseY - s.noseLength - 1.2, 2.6, 1.4)
                if nostril < pixel {
                    colour = colour.mixed(with: dark.scaled(0.5), by: 0.85 * ExactMath.coverage(nostril, pixel: pixel))
                }
            }
            let under = Self.ellipse(noseX, noseY - s.noseLength - 3.5, s.noseHalfWidth * 0.7, 2.5)
            colour = colour.scaled(1 - 0.1 * ExactMath.smoothstep(2, -2, under))
        }

        // Nasolabial folds with age and smiling.
        let foldStrength = 0.05 + 0.08 * s.wrinkles + 0.08 * vr.smile
        let mouthShift = shift(0.7)
        for side in [-1.0, 1.0] {
            let fx = (u - mouthShift.x) * side - s.noseHalfWidth - 2
            let fy = v - s.noseLength
            if fx > -4 && fx < 16 && fy > -2 && fy < s.mouthY - s.noseLength + 8 {
                let curve = fx - 0.22 * fy - 0.012 * fy * fy - 2
                colour = colour.scaled(1 - foldStrength * ExactMath.smoothstep(1.6, 0, abs(curve)))
            }
        }

        // Stubble on the lower face.
        if s.stubble > 0 && v > s.noseLength + 4 {
            let region = ExactMath.smoothstep(s.noseLength + 4, s.noseLength + 10, v)
            let dot = 0.3 + Self.valueNoise(s.textureSeed ^ 0x57B, u, v, cell: 1.4)
            colour = colour.mixed(with: s.hair.scaled(0.7), by: 0.22 * s.stubble * region * dot)
        }

        // Mouth: lips around a line whose corners rise with a smile; an open mouth shows teeth.
        let mx = u - mouthShift.x, my = v - s.mouthY - mouthShift.y
        let halfWidth = s.mouthHalfWidth * (1 + 0.16 * vr.smile)
        let mt = mx / halfWidth
        if abs(mt) < 1.25 && abs(my) < 16 {
            let open = 1 - mt * mt
            let line = -vr.smile * 5 * mt * mt + vr.smile * 1.5
            let gap = vr.mouthOpen * max(0, open)
            let upperEdge = line - s.upperLip * max(0, open).squareRoot() * (1 - 0.25 * vr.smile)
                - 0.8 * max(0, open) * (abs(mt) < 0.25 ? -1 : 1)
            let lowerEdge = line + gap + s.lowerLip * max(0, open).squareRoot() * (1 - 0.2 * vr.smile)
            let lipDistance = max(max(upperEdge - my, my - lowerEdge), (abs(mt) - 1) * halfWidth * 0.3)
            if lipDistance < pixel {
                var lip = s.lips.scaled(my > line + gap ? 1.04 : 0.9)
                if gap > 0.3 {
                    let inner = max(line - my, my - (line + gap))
                    if inner < pixel {
                        let teeth = my < line + gap * 0.55 ? RGB(0.86, 0.84, 0.78) : RGB(0.18, 0.06, 0.06)
                        lip = lip.mixed(with: teeth, by: ExactMath.coverage(inner, pixel: pixel))
                    }
                }
                colour = colour.mixed(with: lip, by: ExactMath.coverage(lipDistance, pixel: pixel))
            }
            let mouthLine = max(abs(my - line - gap * 0.5) - 0.55 - gap * 0.5, (abs(mt) - 1.04) * halfWidth)
            if mouthLine < pixel {
                colour = colour.mixed(with: dark.scaled(0.6), by: 0.8 * ExactMath.coverage(mouthLine, pixel: pixel))
            }
            let underLip = Self.ellipse(mx, my - lowerEdge - 4, halfWidth * 0.55, 2.5)
            colour = colour.scaled(1 - 0.06 * ExactMath.smoothstep(2, -2, underLip))
        }
        return colour
    }
}
