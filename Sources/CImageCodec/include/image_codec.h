#ifndef IMAGE_CODEC_H
#define IMAGE_CODEC_H

// PNG and JPEG decoding/encoding through libpng and libjpeg, run under setjmp so that
// the libraries' fatal errors (longjmp, or exit() in libjpeg's default handler) come back
// to Swift as a status and the library's message. Nothing here prints or touches files.

#include <stddef.h>

#define CODEC_MESSAGE_LENGTH 200

typedef enum {
    CODEC_OK = 0,
    /// The data ends before the image is complete.
    CODEC_TRUNCATED = 1,
    /// The library rejected the data (bad CRC, bad Huffman code, invalid header...).
    CODEC_CORRUPT = 2,
    /// A valid file the decoder cannot convert (e.g. a JPEG with an unusual colour space).
    CODEC_UNSUPPORTED = 3,
    /// The declared width × height exceeds the caller's limit; nothing large was allocated.
    CODEC_TOO_LARGE = 4,
    CODEC_OUT_OF_MEMORY = 5,
} codec_status;

/// A decoded 8-bit greyscale image, or a header (pixels == NULL).
/// `width`/`height` are also filled for CODEC_TOO_LARGE (the declared size).
typedef struct {
    codec_status status;
    int width;
    int height;
    /// Headers only: 1 for a progressive JPEG.
    int progressive;
    /// width × height bytes, row-major; owned by the caller, release with codec_free.
    unsigned char *pixels;
    /// When asked for and the image is in colour: the darkest of R, G and B of each pixel, laid
    /// out as `pixels`; NULL otherwise. Owned by the caller, release with codec_free.
    unsigned char *darkest;
    char message[CODEC_MESSAGE_LENGTH];
} codec_image;

/// An encoded file.
typedef struct {
    codec_status status;
    /// `size` bytes, owned by the caller, release with codec_free.
    unsigned char *bytes;
    size_t size;
    char message[CODEC_MESSAGE_LENGTH];
} codec_buffer;

/// Reads only the header: width and height as stored (no EXIF orientation).
void codec_png_header(const unsigned char *data, size_t size, codec_image *out);
void codec_jpeg_header(const unsigned char *data, size_t size, codec_image *out);

/// Decodes any PNG colour type and bit depth to 8-bit grey (luma 0.299/0.587/0.114,
/// transparency composited on white). Fails with CODEC_TOO_LARGE before allocating when
/// width × height > max_pixels. scale_denom 2, 4 or 8 (other values: the largest of 1, 2, 4, 8
/// not above it) reduces the image as it is read, each output pixel the mean of its block of
/// scale × scale pixels (fewer at the right and bottom edges; the size is rounded up, as
/// libjpeg does), so that the full-size image is never held.
void codec_png_decode(const unsigned char *data, size_t size, long long max_pixels, int scale_denom, codec_image *out);

/// Decodes a baseline, progressive or greyscale JPEG to 8-bit grey at 1/scale_denom
/// (libjpeg picks the nearest scale N/8 >= 1/scale_denom). libjpeg warnings are errors.
/// max_pixels applies to the declared (full-scale) size. With `with_darkest`, a YCbCr JPEG
/// (every colour photo) also gets `darkest`; `pixels` stays its Y channel, as without.
void codec_jpeg_decode(const unsigned char *data, size_t size, long long max_pixels, int scale_denom, int with_darkest,
                       codec_image *out);

/// A sequential JPEG entropy-decoded once (its quantised DCT blocks), to be turned into grey
/// pixels at one scale or several without reading the file again.
typedef struct codec_jpeg_coefficients codec_jpeg_coefficients;

/// Reads the whole file (to EOI; damage is reported here, in `out`) and keeps its blocks; NULL
/// with `out` saying why when that fails or does not apply: CODEC_UNSUPPORTED for a file whose
/// grey decode is not its first component as stored (CMYK, RGB, subsampled luma, a progressive
/// file with scans missing), which codec_jpeg_decode handles. The blocks of all components are held: about 3 bytes per
/// pixel for 4:2:0, 6 for 4:4:4. `data` need not outlive this call.
codec_jpeg_coefficients *codec_jpeg_read_coefficients(const unsigned char *data, size_t size, long long max_pixels,
                                                      codec_image *out);

/// The grey image at 1/scale_denom (N/8 at or above it, as codec_jpeg_decode), pixel for pixel
/// what codec_jpeg_decode gives for the same file, scale and `with_darkest` (`darkest` too):
/// libjpeg's own inverse DCT of each block size on the same blocks. CODEC_UNSUPPORTED when the
/// darkest channel is asked of colour planes libjpeg would upsample (4:2:2, or 4:2:0 at full
/// size): codec_jpeg_decode then. May be called again for another scale.
void codec_jpeg_coefficients_decode(codec_jpeg_coefficients *coefficients, int scale_denom, int with_darkest,
                                    codec_image *out);

void codec_jpeg_coefficients_free(codec_jpeg_coefficients *coefficients);

/// `channels` is 1 (grey) or 3 (RGB interleaved); rows are width × channels bytes.
void codec_png_encode(const unsigned char *pixels, int width, int height, int channels, codec_buffer *out);
void codec_jpeg_encode(const unsigned char *pixels, int width, int height, int channels, int quality, codec_buffer *out);

void codec_free(void *pointer);

#endif
