#include "image_codec.h"
// Decoding and encoding of PNG and JPEG under setjmp, so that libpng/libjpeg errors
// (reported with longjmp, or exit() by libjpeg's default handler) come back as a status.
//
// Every state that changes between setjmp and a possible longjmp lives in a heap-allocated
// context, never in a local variable: locals modified after setjmp are indeterminate after
// the jump, memory reached through an unchanged pointer is not.

#include <png.h>
#include <stdio.h>
#include <jpeglib.h>
#include <jerror.h>
#include <jpegint.h> // the decoder's own inverse-DCT module, for decoding coefficients once at any scale
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// A progressive JPEG may legally contain many scans, but thousands of them only serve to
/// make the decoder spin (a known denial-of-service pattern); real encoders write about ten.
#define MAX_JPEG_SCANS 1000

/// Images beyond 2^40 pixels are refused whatever the caller's limit, so that buffer sizes
/// such as width × height × 4 cannot overflow.
#define ABSOLUTE_MAX_PIXELS (1ULL << 40)

static void set_message(char *message, const char *text) {
    snprintf(message, CODEC_MESSAGE_LENGTH, "%s", text);
}

static void fail(codec_image *out, codec_status status, const char *text) {
    out->status = status;
    set_message(out->message, text);
}

static int exceeds_limit(unsigned long long width, unsigned long long height, long long max_pixels) {
    unsigned long long pixels = width * height; // each side < 2^32: no overflow
    return max_pixels < 0 || pixels > (unsigned long long)max_pixels || pixels > ABSOLUTE_MAX_PIXELS;
}

/// Luma of an RGB pixel composited over white with alpha `a`, rounded: weights 0.299/0.587/0.114.
static inline unsigned char luma_over_white(unsigned r, unsigned g, unsigned b, unsigned a) {
    uint32_t luma = 299u * r + 587u * g + 114u * b; // 0 ... 255000
    return (unsigned char)((luma * a + 255000u * (255u - a) + 127500u) / 255000u);
}

/* ------------------------------------------------------------------------------------ PNG */

typedef struct {
    jmp_buf jump;
    png_structp png;
    png_infop info;
    const unsigned char *data;
    size_t size;
    size_t position;
    codec_status status; // the status a longjmp reports
    char message[CODEC_MESSAGE_LENGTH];
    unsigned char *pixels; // the grey result
    unsigned char *rgba;   // one RGBA row, or the whole image when interlaced at full size; NULL for opaque grey
    unsigned char *grey;   // one grey row before reduction (reduced decodes only)
    uint16_t *sums;        // block sums of reduced rows: one output row, or all of them when interlaced
    png_bytep *rows;
} png_reader;

static void png_on_error(png_structp png, png_const_charp text) {
    png_reader *reader = png_get_error_ptr(png);
    if (reader->message[0] == 0) set_message(reader->message, text);
    longjmp(reader->jump, 1);
}

/// Warnings concern ancillary data (colour profiles, text) that does not change the pixels;
/// CRC errors, which would be warnings for ancillary chunks, are made errors below.
static void png_on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void png_read_from_memory(png_structp png, png_bytep destination, size_t length) {
    png_reader *reader = png_get_io_ptr(png);
    if (length > reader->size - reader->position) {
        reader->status = CODEC_TRUNCATED;
        set_message(reader->message, "unexpected end of PNG data");
        png_error(png, "truncated");
    }
    memcpy(destination, reader->data + reader->position, length);
    reader->position += length;
}

static png_reader *png_reader_create(const unsigned char *data, size_t size, codec_image *out) {
    png_reader *reader = calloc(1, sizeof *reader);
    if (reader == NULL) {
        fail(out, CODEC_OUT_OF_MEMORY, "out of memory");
        return NULL;
    }
    reader->data = data;
    reader->size = size;
    reader->status = CODEC_CORRUPT;
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, png_on_error, png_on_warning);
    if (reader->png != NULL) reader->info = png_create_info_struct(reader->png);
    if (reader->info == NULL) {
        png_destroy_read_struct(reader->png ? &reader->png : NULL, NULL, NULL);
        free(reader);
        fail(out, CODEC_OUT_OF_MEMORY, "out of memory");
        return NULL;
    }
    png_set_read_fn(reader->png, reader, png_read_from_memory);
    // All CRC errors are errors, in ancillary chunks too (libpng only warns about those).
    png_set_crc_action(reader->png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    // Our own max_pixels limit applies, not libpng's default 1,000,000 per side.
    png_set_user_limits(reader->png, 0x7fffffff, 0x7fffffff);
    return reader;
}

static void png_reader_destroy(png_reader *reader) {
    png_destroy_read_struct(&reader->png, &reader->info, NULL);
    free(reader->rgba);
    free(reader->grey);
    free(reader->sums);
    free(reader->rows);
    free(reader->pixels);
    free(reader);
}

static void png_report_failure(png_reader *reader, codec_image *out) {
    out->status = reader->status;
    memcpy(out->message, reader->message, CODEC_MESSAGE_LENGTH);
}

void codec_png_header(const unsigned char *data, size_t size, codec_image *out) {
    memset(out, 0, sizeof *out);
    png_reader *reader = png_reader_create(data, size, out);
    if (reader == NULL) return;
    if (setjmp(reader->jump)) {
        png_report_failure(reader, out);
        png_reader_destroy(reader);
        return;
    }
    png_read_info(reader->png, reader->info);
    out->width = (int)png_get_image_width(reader->png, reader->info);
    out->height = (int)png_get_image_height(reader->png, reader->info);
    out->status = CODEC_OK;
    png_reader_destroy(reader);
}

/// Reads the size from IHDR, which the PNG specification puts first, so that an absurd size is
/// refused before libpng reads anything else. Returns 0 when the bytes do not look like that.
static int png_declared_size(const unsigned char *data, size_t size, unsigned *width, unsigned *height) {
    if (size < 24 || memcmp(data + 12, "IHDR", 4) != 0) return 0;
    *width = (unsigned)data[16] << 24 | (unsigned)data[17] << 16 | (unsigned)data[18] << 8 | data[19];
    *height = (unsigned)data[20] << 24 | (unsigned)data[21] << 16 | (unsigned)data[22] << 8 | data[23];
    return 1;
}

static void rgba_row_to_grey(const unsigned char *rgba, unsigned char *grey, size_t width) {
    for (size_t x = 0; x < width; x++, rgba += 4) {
        grey[x] = luma_over_white(rgba[0], rgba[1], rgba[2], rgba[3]);
    }
}

/// Adds `count` grey pixels, at full-size columns x0, x0 + step, x0 + 2 step..., to the sums of
/// the output pixels whose `scale` × `scale` blocks hold them (at most 64 × 255: no overflow).
static void add_to_block_sums(uint16_t *sums, const unsigned char *grey, size_t count, size_t x0, size_t step, size_t scale) {
    for (size_t i = 0, x = x0; i < count; i++, x += step) sums[x / scale] += grey[i];
}

/// One output row from its block sums: each pixel the rounded mean of its block, the blocks
/// at the right edge (and, through `block_height`, the bottom edge) holding fewer pixels.
static void average_block_sums(const uint16_t *sums, unsigned char *out, size_t out_width, size_t width, size_t block_height, size_t scale) {
    for (size_t x = 0; x < out_width; x++) {
        size_t block_width = width - x * scale < scale ? width - x * scale : scale;
        unsigned count = (unsigned)(block_width * block_height);
        out[x] = (unsigned char)((sums[x] + count / 2) / count);
    }
}

void codec_png_decode(const unsigned char *data, size_t size, long long max_pixels, int scale_denom, codec_image *out) {
    memset(out, 0, sizeof *out);
    unsigned declared_width, declared_height;
    if (png_declared_size(data, size, &declared_width, &declared_height)
        && exceeds_limit(declared_width, declared_height, max_pixels)) {
        out->width = declared_width > INT32_MAX ? INT32_MAX : (int)declared_width;
        out->height = declared_height > INT32_MAX ? INT32_MAX : (int)declared_height;
        fail(out, CODEC_TOO_LARGE, "declared size exceeds the limit");
        return;
    }
    png_reader *reader = png_reader_create(data, size, out);
    if (reader == NULL) return;
    if (setjmp(reader->jump)) {
        png_report_failure(reader, out);
        png_reader_destroy(reader);
        return;
    }
    png_structp png = reader->png;
    png_infop info = reader->info;
    png_read_info(png, info);
    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    if (exceeds_limit(width, height, max_pixels)) {
        out->width = (int)width;
        out->height = (int)height;
        reader->status = CODEC_TOO_LARGE;
        png_error(png, "declared size exceeds the limit");
    }

    // Every colour type and depth becomes 8-bit: palette and tRNS expanded, low-depth grey
    // widened, 16-bit scaled with rounding. Opaque grey (most scans) is then read as it is;
    // everything else as RGBA, with opaque alpha added where missing, and converted below.
    int opaque_grey = png_get_color_type(png, info) == PNG_COLOR_TYPE_GRAY
        && !png_get_valid(png, info, PNG_INFO_tRNS);
    png_set_expand(png);
    png_set_scale_16(png);
    if (!opaque_grey) {
        png_set_gray_to_rgb(png);
        png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
    }
    size_t channels = opaque_grey ? 1 : 4;
    // Reduced decodes, like libjpeg's scaled ones, never hold the full-size image: rows are
    // box-averaged as they arrive. Interlaced rows then come pass by pass as the passes'
    // own sub-images (no interlace handling), each pixel added to its block once.
    size_t scale = scale_denom >= 8 ? 8 : scale_denom >= 4 ? 4 : scale_denom >= 2 ? 2 : 1;
    int interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    int passes = interlaced && scale == 1 ? png_set_interlace_handling(png) : 1;
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)width * channels) {
        reader->status = CODEC_UNSUPPORTED;
        png_error(png, "unexpected pixel layout after conversion to 8 bits");
    }
    size_t out_width = (width + scale - 1) / scale, out_height = (height + scale - 1) / scale;

    reader->status = CODEC_OUT_OF_MEMORY;
    reader->pixels = malloc(out_width * out_height);
    if (reader->pixels == NULL) png_error(png, "out of memory");
    if (!opaque_grey) {
        // Interlaced rows are refined pass by pass, so they need the whole image at once.
        reader->rgba = malloc((size_t)width * 4 * (passes > 1 ? height : 1));
        if (reader->rgba == NULL) png_error(png, "out of memory");
    }
    if (scale > 1) {
        reader->grey = malloc(width);
        reader->sums = calloc(out_width * (interlaced ? out_height : 1), sizeof *reader->sums);
        if (reader->grey == NULL || reader->sums == NULL) png_error(png, "out of memory");
    }
    reader->status = CODEC_CORRUPT;

    if (scale > 1) {
        for (int pass = 0; pass < (interlaced ? 7 : 1); pass++) {
            size_t columns = interlaced ? PNG_PASS_COLS(width, pass) : width;
            size_t rows = interlaced ? PNG_PASS_ROWS(height, pass) : height;
            if (columns == 0 || rows == 0) continue; // libpng skips empty passes
            size_t x0 = interlaced ? PNG_PASS_START_COL(pass) : 0;
            size_t step = interlaced ? (size_t)1 << PNG_PASS_COL_SHIFT(pass) : 1;
            for (size_t row = 0; row < rows; row++) {
                size_t y = interlaced ? PNG_ROW_FROM_PASS_ROW(row, pass) : row;
                png_read_row(png, opaque_grey ? reader->grey : reader->rgba, NULL);
                if (!opaque_grey) rgba_row_to_grey(reader->rgba, reader->grey, columns);
                uint16_t *sums = reader->sums + (interlaced ? y / scale * out_width : 0);
                add_to_block_sums(sums, reader->grey, columns, x0, step, scale);
                if (!interlaced && (y % scale == scale - 1 || y == height - 1)) {
                    average_block_sums(sums, reader->pixels + y / scale * out_width, out_width, width, y % scale + 1, scale);
                    memset(sums, 0, out_width * sizeof *sums);
                }
            }
        }
        for (size_t y = 0; y < out_height && interlaced; y++) {
            size_t block_height = height - y * scale < scale ? height - y * scale : scale;
            average_block_sums(reader->sums + y * out_width, reader->pixels + y * out_width, out_width, width, block_height, scale);
        }
    } else if (passes > 1) {
        reader->rows = malloc(sizeof(png_bytep) * height);
        if (reader->rows == NULL) {
            reader->status = CODEC_OUT_OF_MEMORY;
            png_error(png, "out of memory");
        }
        for (png_uint_32 y = 0; y < height; y++) {
            reader->rows[y] = opaque_grey ? reader->pixels + (size_t)y * width : reader->rgba + (size_t)y * width * 4;
        }
        png_read_image(png, reader->rows);
        for (png_uint_32 y = 0; y < height && !opaque_grey; y++) {
            rgba_row_to_grey(reader->rows[y], reader->pixels + (size_t)y * width, width);
        }
    } else {
        for (png_uint_32 y = 0; y < height; y++) {
            png_bytep grey = reader->pixels + (size_t)y * width;
            png_read_row(png, opaque_grey ? grey : reader->rgba, NULL);
            if (!opaque_grey) rgba_row_to_grey(reader->rgba, grey, width);
        }
    }
    // Reads the chunks after the image up to IEND, so their CRCs and truncation are checked.
    png_read_end(png, NULL);

    out->status = CODEC_OK;
    out->width = (int)out_width;
    out->height = (int)out_height;
    out->pixels = reader->pixels;
    reader->pixels = NULL;
    png_reader_destroy(reader);
}

typedef struct {
    jmp_buf jump;
    png_structp png;
    png_infop info;
    unsigned char *bytes;
    size_t size;
    size_t capacity;
    char message[CODEC_MESSAGE_LENGTH];
} png_writer;

static void png_writer_on_error(png_structp png, png_const_charp text) {
    png_writer *writer = png_get_error_ptr(png);
    if (writer->message[0] == 0) set_message(writer->message, text);
    longjmp(writer->jump, 1);
}

static void png_write_to_memory(png_structp png, png_bytep source, size_t length) {
    png_writer *writer = png_get_io_ptr(png);
    if (length > writer->capacity - writer->size) {
        size_t capacity = writer->capacity ? writer->capacity : 4096;
        while (length > capacity - writer->size) {
            if (capacity > SIZE_MAX / 2) png_error(png, "out of memory");
            capacity *= 2;
        }
        unsigned char *grown = realloc(writer->bytes, capacity);
        if (grown == NULL) png_error(png, "out of memory");
        writer->bytes = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->bytes + writer->size, source, length);
    writer->size += length;
}

static void png_flush_memory(png_structp png) {
    (void)png;
}

void codec_png_encode(const unsigned char *pixels, int width, int height, int channels, codec_buffer *out) {
    memset(out, 0, sizeof *out);
    out->status = CODEC_CORRUPT;
    if (channels != 1 && channels != 3) {
        set_message(out->message, "only grey (1 channel) and RGB (3 channels) can be written");
        return;
    }
    png_writer *writer = calloc(1, sizeof *writer);
    if (writer == NULL) {
        set_message(out->message, "out of memory");
        return;
    }
    writer->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, writer, png_writer_on_error, png_on_warning);
    if (writer->png != NULL) writer->info = png_create_info_struct(writer->png);
    if (writer->info == NULL) {
        png_destroy_write_struct(writer->png ? &writer->png : NULL, NULL);
        free(writer);
        set_message(out->message, "out of memory");
        return;
    }
    if (setjmp(writer->jump)) {
        memcpy(out->message, writer->message, CODEC_MESSAGE_LENGTH);
        png_destroy_write_struct(&writer->png, &writer->info);
        free(writer->bytes);
        free(writer);
        return;
    }
    png_set_write_fn(writer->png, writer, png_write_to_memory, png_flush_memory);
    png_set_IHDR(writer->png, writer->info, (png_uint_32)width, (png_uint_32)height, 8,
                 channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    // Overlays of photos are written often: zlib level 3 with the Up filter wrote a noisy 12 MP
    // grey photo in 0.4 s instead of 2.6 s with libpng's defaults (level 6, adaptive filters),
    // for an 11% larger file; on a black-and-white page, 0.05 s instead of 0.36 s, 330 KB instead of 238 KB.
    png_set_compression_level(writer->png, 3);
    png_set_filter(writer->png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_write_info(writer->png, writer->info);
    size_t stride = (size_t)width * channels;
    for (int y = 0; y < height; y++) png_write_row(writer->png, pixels + (size_t)y * stride);
    png_write_end(writer->png, NULL);

    out->status = CODEC_OK;
    out->bytes = writer->bytes;
    out->size = writer->size;
    png_destroy_write_struct(&writer->png, &writer->info);
    free(writer);
}

/* ----------------------------------------------------------------------------------- JPEG */

typedef struct {
    struct jpeg_error_mgr errors; // first, so that cinfo->err can be cast back to the context
    jmp_buf jump;
    struct jpeg_decompress_struct cinfo;
    struct jpeg_compress_struct compressor;
    struct jpeg_progress_mgr progress;
    codec_status status;
    char message[CODEC_MESSAGE_LENGTH];
    unsigned char *pixels;
    unsigned char *darkest; // the darkest channel, when asked for (see codec_jpeg_decode)
    unsigned char *row;
    unsigned char *encoded; // jpeg_mem_dest's buffer, which libjpeg may reallocate
    unsigned long encoded_size;
} jpeg_context;

static void jpeg_fail(j_common_ptr cinfo) {
    jpeg_context *context = (jpeg_context *)cinfo->err;
    if (context->message[0] == 0) {
        char text[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, text);
        set_message(context->message, text);
    }
    if (context->status == CODEC_CORRUPT) {
        int code = cinfo->err->msg_code;
        // jpeg_mem_src reports running out of data as this warning and then feeds a fake EOI.
        if (code == JWRN_JPEG_EOF || code == JERR_INPUT_EOF) context->status = CODEC_TRUNCATED;
        if (code == JERR_OUT_OF_MEMORY) context->status = CODEC_OUT_OF_MEMORY;
        if (code == JERR_CONVERSION_NOTIMPL || code == JERR_BAD_J_COLORSPACE) context->status = CODEC_UNSUPPORTED;
    }
    longjmp(context->jump, 1);
}

/// libjpeg's warnings (level -1) mean damaged data: a truncated file is only a warning to
/// libjpeg, which then pads the image with grey. They are errors here. Trace messages are dropped.
static void jpeg_on_message(j_common_ptr cinfo, int level) {
    if (level < 0) jpeg_fail(cinfo);
}

static void jpeg_on_progress(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) return;
    j_decompress_ptr decompressor = (j_decompress_ptr)cinfo;
    if (decompressor->input_scan_number > MAX_JPEG_SCANS) {
        jpeg_context *context = (jpeg_context *)cinfo->err;
        set_message(context->message, "more than 1000 progressive scans");
        longjmp(context->jump, 1);
    }
}

static jpeg_context *jpeg_context_create(void) {
    jpeg_context *context = calloc(1, sizeof *context);
    if (context == NULL) return NULL;
    jpeg_std_error(&context->errors);
    context->errors.error_exit = jpeg_fail;
    context->errors.emit_message = jpeg_on_message;
    context->status = CODEC_CORRUPT;
    return context;
}

static void jpeg_context_destroy(jpeg_context *context) {
    jpeg_destroy_decompress(&context->cinfo);
    jpeg_destroy_compress(&context->compressor);
    free(context->pixels);
    free(context->darkest);
    free(context->row);
    free(context->encoded);
    free(context);
}

static void jpeg_start_reading(jpeg_context *context, const unsigned char *data, size_t size) {
    context->cinfo.err = &context->errors;
    jpeg_create_decompress(&context->cinfo);
    context->progress.progress_monitor = jpeg_on_progress;
    context->cinfo.progress = &context->progress;
    jpeg_mem_src(&context->cinfo, data, (unsigned long)size);
    jpeg_read_header(&context->cinfo, TRUE);
}

/// jpeg_start_reading, then the declared size into `out`; 0, with `out` failed, when it exceeds
/// max_pixels — checked before jpeg_start_decompress, which allocates whole-image buffers for
/// progressive files.
static int jpeg_start_reading_within(jpeg_context *context, const unsigned char *data, size_t size, long long max_pixels,
                                     codec_image *out) {
    jpeg_start_reading(context, data, size);
    out->width = (int)context->cinfo.image_width;
    out->height = (int)context->cinfo.image_height;
    if (exceeds_limit(context->cinfo.image_width, context->cinfo.image_height, max_pixels)) {
        fail(out, CODEC_TOO_LARGE, "declared size exceeds the limit");
        return 0;
    }
    return 1;
}

void codec_jpeg_header(const unsigned char *data, size_t size, codec_image *out) {
    memset(out, 0, sizeof *out);
    jpeg_context *context = jpeg_context_create();
    if (context == NULL) {
        fail(out, CODEC_OUT_OF_MEMORY, "out of memory");
        return;
    }
    if (setjmp(context->jump)) {
        fail(out, context->status, context->message);
        jpeg_context_destroy(context);
        return;
    }
    jpeg_start_reading(context, data, size);
    out->width = (int)context->cinfo.image_width;
    out->height = (int)context->cinfo.image_height;
    out->progressive = context->cinfo.progressive_mode ? 1 : 0;
    out->status = CODEC_OK;
    jpeg_context_destroy(context);
}

/// CMYK has no direct greyscale conversion in libjpeg. Adobe writes CMYK inverted (255 = no ink).
static void cmyk_row_to_grey(const unsigned char *cmyk, unsigned char *grey, size_t width, int inverted) {
    for (size_t x = 0; x < width; x++, cmyk += 4) {
        unsigned c = cmyk[0], m = cmyk[1], y = cmyk[2], k = cmyk[3];
        if (!inverted) {
            c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k;
        }
        grey[x] = luma_over_white((c * k + 127) / 255, (m * k + 127) / 255, (y * k + 127) / 255, 255);
    }
}

/// Y of each YCbCr pixel into `grey`, and the darkest of its R, G, B (JFIF's conversion, in
/// 16-bit fixed point) into `darkest`.
static void ycc_row_split(const unsigned char *ycc, unsigned char *grey, unsigned char *darkest, size_t width) {
    for (size_t x = 0; x < width; x++, ycc += 3) {
        int y = ycc[0], cb = ycc[1] - 128, cr = ycc[2] - 128;
        int r = y + ((91881 * cr + 32768) >> 16);
        int g = y - ((22554 * cb + 46802 * cr - 32768) >> 16);
        int b = y + ((116130 * cb + 32768) >> 16);
        int low = r < g ? r : g;
        low = low < b ? low : b;
        grey[x] = (unsigned char)y;
        darkest[x] = (unsigned char)(low < 0 ? 0 : low > 255 ? 255 : low);
    }
}

void codec_jpeg_decode(const unsigned char *data, size_t size, long long max_pixels, int scale_denom, int with_darkest,
                       codec_image *out) {
    memset(out, 0, sizeof *out);
    jpeg_context *context = jpeg_context_create();
    if (context == NULL) {
        fail(out, CODEC_OUT_OF_MEMORY, "out of memory");
        return;
    }
    if (setjmp(context->jump)) {
        fail(out, context->status, context->message);
        jpeg_context_destroy(context);
        return;
    }
    if (!jpeg_start_reading_within(context, data, size, max_pixels, out)) {
        jpeg_context_destroy(context);
        return;
    }
    j_decompress_ptr cinfo = &context->cinfo;
    int cmyk = 0, split = 0;
    switch (cinfo->jpeg_color_space) {
    case JCS_YCbCr: // grey output is the Y channel: 0.299 R + 0.587 G + 0.114 B by definition
        split = with_darkest;
        cinfo->out_color_space = split ? JCS_YCbCr : JCS_GRAYSCALE;
        break;
    case JCS_GRAYSCALE:
    case JCS_RGB:
        cinfo->out_color_space = JCS_GRAYSCALE;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        cinfo->out_color_space = JCS_CMYK;
        cmyk = 1;
        break;
    default:
        fail(out, CODEC_UNSUPPORTED, "unsupported JPEG colour space");
        jpeg_context_destroy(context);
        return;
    }
    cinfo->scale_num = 1;
    cinfo->scale_denom = scale_denom < 1 ? 1 : (unsigned)scale_denom;
    jpeg_start_decompress(cinfo);

    size_t width = cinfo->output_width, height = cinfo->output_height;
    context->pixels = malloc(width * height);
    if (cmyk || split) context->row = malloc(width * 4);
    if (split) context->darkest = malloc(width * height);
    if (context->pixels == NULL || ((cmyk || split) && context->row == NULL) || (split && context->darkest == NULL)) {
        context->status = CODEC_OUT_OF_MEMORY;
        set_message(context->message, "out of memory");
        longjmp(context->jump, 1);
    }
    while (cinfo->output_scanline < height) {
        size_t y = cinfo->output_scanline;
        JSAMPROW row = cmyk || split ? context->row : context->pixels + y * width;
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1) continue;
        if (cmyk) cmyk_row_to_grey(context->row, context->pixels + y * width, width, cinfo->saw_Adobe_marker);
        if (split) ycc_row_split(context->row, context->pixels + y * width, context->darkest + y * width, width);
    }
    // Reads up to EOI, so that damage or truncation after the last row is still reported.
    jpeg_finish_decompress(cinfo);

    out->status = CODEC_OK;
    out->width = (int)width;
    out->height = (int)height;
    out->pixels = context->pixels;
    out->darkest = context->darkest;
    context->pixels = NULL;
    context->darkest = NULL;
    jpeg_context_destroy(context);
}

/* ------------------------------------------------- JPEG: entropy-decoded once, any scale */

struct codec_jpeg_coefficients {
    jpeg_context *context;
    jvirt_barray_ptr *arrays;
};

/// Whether the grey image is component 0 exactly as stored (Y of YCbCr, or the only component)
/// at full resolution: then libjpeg's grey decode at a scale is component 0's blocks through
/// the inverse DCT of that scale, and the same blocks can be turned into pixels at any scale.
static int jpeg_grey_is_component_zero(j_decompress_ptr cinfo) {
    if (cinfo->data_precision != 8) return 0;
    if (!((cinfo->jpeg_color_space == JCS_YCbCr && cinfo->num_components == 3)
          || (cinfo->jpeg_color_space == JCS_GRAYSCALE && cinfo->num_components == 1))) return 0;
    return cinfo->comp_info[0].h_samp_factor == cinfo->max_h_samp_factor
        && cinfo->comp_info[0].v_samp_factor == cinfo->max_v_samp_factor;
}

/// The clamping table the inverse DCT routines index (libjpeg's decoder sets it up in its
/// master control, which reading coefficients skips), laid out as jpegint.h's IDCT_range_limit
/// expects: sample_range_limit[x] = clamp(x, 0, 255) for x in -256…383, and past it, from
/// IDCT_range_limit = sample_range_limit + 128 indexed by (x & 1023): 128 + x for x in 0…127,
/// 255 for 128…511, 0 for 512…895 and x − 896 for 896…1023 (small negatives, wrapped).
static void jpeg_prepare_range_limit(j_decompress_ptr cinfo) {
    JSAMPLE *table = (*cinfo->mem->alloc_small)((j_common_ptr)cinfo, JPOOL_IMAGE,
                                                (5 * (MAXJSAMPLE + 1) + CENTERJSAMPLE) * sizeof(JSAMPLE));
    JSAMPLE *limit = table + (MAXJSAMPLE + 1);
    memset(table, 0, (MAXJSAMPLE + 1) * sizeof(JSAMPLE));
    for (int i = 0; i <= MAXJSAMPLE; i++) limit[i] = (JSAMPLE)i;
    JSAMPLE *idct = limit + CENTERJSAMPLE;
    for (int i = CENTERJSAMPLE; i < 2 * (MAXJSAMPLE + 1); i++) idct[i] = MAXJSAMPLE;
    memset(idct + 2 * (MAXJSAMPLE + 1), 0, (2 * (MAXJSAMPLE + 1) - CENTERJSAMPLE) * sizeof(JSAMPLE));
    memcpy(idct + 4 * (MAXJSAMPLE + 1) - CENTERJSAMPLE, limit, CENTERJSAMPLE * sizeof(JSAMPLE));
    cinfo->sample_range_limit = limit;
}

/// Whether every coefficient of every component was read to its last bit.
static int jpeg_fully_refined(j_decompress_ptr cinfo) {
    if (cinfo->coef_bits == NULL) return 0;
    for (int ci = 0; ci < cinfo->num_components; ci++) {
        for (int k = 0; k < DCTSIZE2; k++) {
            if (cinfo->coef_bits[ci][k] != 0) return 0;
        }
    }
    return 1;
}

codec_jpeg_coefficients *codec_jpeg_read_coefficients(const unsigned char *data, size_t size, long long max_pixels,
                                                      codec_image *out) {
    memset(out, 0, sizeof *out);
    codec_jpeg_coefficients *coefficients = calloc(1, sizeof *coefficients);
    jpeg_context *context = jpeg_context_create();
    if (coefficients == NULL || context == NULL) {
        free(coefficients);
        if (context != NULL) jpeg_context_destroy(context);
        fail(out, CODEC_OUT_OF_MEMORY, "out of memory");
        return NULL;
    }
    coefficients->context = context;
    if (setjmp(context->jump)) {
        fail(out, context->status, context->message);
        codec_jpeg_coefficients_free(coefficients);
        return NULL;
    }
    if (!jpeg_start_reading_within(context, data, size, max_pixels, out)) {
        codec_jpeg_coefficients_free(coefficients);
        return NULL;
    }
    j_decompress_ptr cinfo = &context->cinfo;
    if (!jpeg_grey_is_component_zero(cinfo)) {
        fail(out, CODEC_UNSUPPORTED, "not a sequential JPEG whose grey is its first component");
        codec_jpeg_coefficients_free(coefficients);
        return NULL;
    }
    // Reads the whole file, to EOI, so that damage anywhere is reported here.
    coefficients->arrays = jpeg_read_coefficients(cinfo);
    if (coefficients->arrays == NULL) {
        fail(out, CODEC_TRUNCATED, "the data ends early");
        codec_jpeg_coefficients_free(coefficients);
        return NULL;
    }
    // libjpeg smooths a progressive image between blocks while some coefficients are still
    // coarse (scans missing); read to the last bit, it decodes blocks as they are.
    if (cinfo->progressive_mode && !jpeg_fully_refined(cinfo)) {
        fail(out, CODEC_UNSUPPORTED, "a progressive JPEG whose last scans are missing");
        codec_jpeg_coefficients_free(coefficients);
        return NULL;
    }
    out->status = CODEC_OK;
    return coefficients;
}

/// One component's blocks through `inverse` into `plane` (stride × its block rows × `side`).
static void jpeg_blocks_to_plane(j_decompress_ptr cinfo, jvirt_barray_ptr array, int ci, int side,
                                 unsigned char *plane, size_t stride) {
    jpeg_component_info *component = &cinfo->comp_info[ci];
    inverse_DCT_method_ptr inverse = cinfo->idct->inverse_DCT[ci];
    JSAMPROW lines[DCTSIZE];
    for (JDIMENSION blockRow = 0; blockRow < component->height_in_blocks; blockRow++) {
        JBLOCKARRAY blocks = (*cinfo->mem->access_virt_barray)((j_common_ptr)cinfo, array, blockRow, 1, FALSE);
        for (int line = 0; line < side; line++) lines[line] = plane + ((size_t)blockRow * (size_t)side + (size_t)line) * stride;
        for (JDIMENSION blockColumn = 0; blockColumn < component->width_in_blocks; blockColumn++) {
            (*inverse)(cinfo, component, blocks[0][blockColumn], lines, blockColumn * (JDIMENSION)side);
        }
    }
}

void codec_jpeg_coefficients_decode(codec_jpeg_coefficients *coefficients, int scale_denom, int with_darkest,
                                    codec_image *out) {
    memset(out, 0, sizeof *out);
    jpeg_context *context = coefficients->context;
    j_decompress_ptr cinfo = &context->cinfo;
    free(context->pixels);
    free(context->darkest);
    free(context->row);
    context->pixels = context->darkest = context->row = NULL;
    if (setjmp(context->jump)) {
        fail(out, context->status, context->message);
        return;
    }
    // libjpeg's scaled decode: N/8 with the smallest N (the block's side in pixels) at or
    // above 1/scale_denom, and sizes rounded up.
    int denominator = scale_denom < 1 ? 1 : scale_denom;
    int side = (DCTSIZE + denominator - 1) / denominator;
    int colour = with_darkest && cinfo->jpeg_color_space == JCS_YCbCr;
    // Each component's block size as libjpeg's output dimensions choose it: subsampled chroma
    // is scaled up by its inverse DCT rather than upsampled where a power of two allows. The
    // colour planes are used only when that leaves them at the image's size (4:2:0 and 4:4:4
    // down to 1/2); otherwise libjpeg would upsample them, and the file is left to its decode.
    for (int ci = 0; ci < cinfo->num_components; ci++) {
        jpeg_component_info *component = &cinfo->comp_info[ci];
        int size = side;
        while (size < DCTSIZE && (cinfo->max_h_samp_factor * side) % (component->h_samp_factor * size * 2) == 0
               && (cinfo->max_v_samp_factor * side) % (component->v_samp_factor * size * 2) == 0) size *= 2;
        component->DCT_scaled_size = size;
        if (colour && (component->h_samp_factor * size != cinfo->max_h_samp_factor * side
                       || component->v_samp_factor * size != cinfo->max_v_samp_factor * side)) {
            fail(out, CODEC_UNSUPPORTED, "colour planes that libjpeg would upsample");
            return;
        }
    }
    cinfo->dct_method = JDCT_ISLOW;  // libjpeg's default, as in codec_jpeg_decode
    // libjpeg's own module picks the routine for each block size (SIMD where it has one) and
    // its multiplier tables, exactly as its scaled decode does.
    if (cinfo->sample_range_limit == NULL) jpeg_prepare_range_limit(cinfo);
    if (cinfo->idct == NULL) jinit_inverse_dct(cinfo);
    (*cinfo->idct->start_pass)(cinfo);

    size_t width = ((size_t)cinfo->image_width * (size_t)side + DCTSIZE - 1) / DCTSIZE;
    size_t height = ((size_t)cinfo->image_height * (size_t)side + DCTSIZE - 1) / DCTSIZE;
    int planes = colour ? 3 : 1;
    unsigned char *plane[3] = {NULL, NULL, NULL};
    size_t stride[3] = {0, 0, 0};
    for (int ci = 0; ci < planes; ci++) {
        jpeg_component_info *component = &cinfo->comp_info[ci];
        stride[ci] = (size_t)component->width_in_blocks * (size_t)component->DCT_scaled_size;
        size_t rows = (size_t)component->height_in_blocks * (size_t)component->DCT_scaled_size;
        if (stride[ci] < width || rows < height) {
            fail(out, CODEC_CORRUPT, "component smaller than the image");
            return;
        }
        // Y in `pixels`; Cb and Cr side by side in `row` (freed with the context on failure).
        plane[ci] = (unsigned char *)(*cinfo->mem->alloc_large)((j_common_ptr)cinfo, JPOOL_IMAGE, stride[ci] * rows);
        jpeg_blocks_to_plane(cinfo, coefficients->arrays[ci], ci, cinfo->comp_info[ci].DCT_scaled_size, plane[ci], stride[ci]);
    }
    context->pixels = malloc(width * height);
    if (colour) {
        context->darkest = malloc(width * height);
        context->row = malloc(width * 3);
    }
    if (context->pixels == NULL || (colour && (context->darkest == NULL || context->row == NULL))) {
        context->status = CODEC_OUT_OF_MEMORY;
        set_message(context->message, "out of memory");
        longjmp(context->jump, 1);
    }
    for (size_t y = 0; y < height; y++) {
        // Rows and columns of the padded blocks beyond the image are dropped, as libjpeg does.
        if (!colour) {
            memcpy(context->pixels + y * width, plane[0] + y * stride[0], width);
            continue;
        }
        unsigned char *ycc = context->row;
        for (size_t x = 0; x < width; x++) {
            ycc[3 * x] = plane[0][y * stride[0] + x];
            ycc[3 * x + 1] = plane[1][y * stride[1] + x];
            ycc[3 * x + 2] = plane[2][y * stride[2] + x];
        }
        ycc_row_split(ycc, context->pixels + y * width, context->darkest + y * width, width);
    }
    out->status = CODEC_OK;
    out->width = (int)width;
    out->height = (int)height;
    out->pixels = context->pixels;
    out->darkest = context->darkest;
    context->pixels = context->darkest = NULL;
}

void codec_jpeg_coefficients_free(codec_jpeg_coefficients *coefficients) {
    if (coefficients == NULL) return;
    jpeg_context_destroy(coefficients->context);
    free(coefficients);
}

void codec_jpeg_encode(const unsigned char *pixels, int width, int height, int channels, int quality, codec_buffer *out) {
    memset(out, 0, sizeof *out);
    out->status = CODEC_CORRUPT;
    if (channels != 1 && channels != 3) {
        set_message(out->message, "only grey (1 channel) and RGB (3 channels) can be written");
        return;
    }
    jpeg_context *context = jpeg_context_create();
    if (context == NULL) {
        set_message(out->message, "out of memory");
        return;
    }
    if (setjmp(context->jump)) {
        memcpy(out->message, context->message, CODEC_MESSAGE_LENGTH);
        jpeg_context_destroy(context);
        return;
    }
    j_compress_ptr cinfo = &context->compressor;
    cinfo->err = &context->errors;
    jpeg_create_compress(cinfo);
    jpeg_mem_dest(cinfo, &context->encoded, &context->encoded_size);
    cinfo->image_width = (JDIMENSION)width;
    cinfo->image_height = (JDIMENSION)height;
    cinfo->input_components = channels;
    cinfo->in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
    jpeg_start_compress(cinfo, TRUE);
    size_t stride = (size_t)width * channels;
    while (cinfo->next_scanline < cinfo->image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo->next_scanline * stride);
        jpeg_write_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_compress(cinfo);

    out->status = CODEC_OK;
    out->bytes = context->encoded;
    out->size = context->encoded_size;
    context->encoded = NULL;
    jpeg_context_destroy(context);
}

void codec_free(void *pointer) {
    free(pointer);
}
