#include "document_codec.h"
#include <poppler.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <tiffio.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// ---- TIFF from memory ----------------------------------------------------------------------

typedef struct { const uint8_t *data; toff_t size; toff_t offset; } MemoryFile;

static tmsize_t mem_read(thandle_t h, void *buffer, tmsize_t count) {
    MemoryFile *file = (MemoryFile *)h;
    if (file->offset >= file->size) return 0;
    toff_t left = file->size - file->offset;
    toff_t n = (toff_t)count < left ? (toff_t)count : left;
    memcpy(buffer, file->data + file->offset, (size_t)n);
    file->offset += n;
    return (tmsize_t)n;
}
static tmsize_t mem_write(thandle_t h, void *buffer, tmsize_t count) { (void)h; (void)buffer; (void)count; return -1; }
static toff_t mem_seek(thandle_t h, toff_t offset, int whence) {
    MemoryFile *file = (MemoryFile *)h;
    toff_t base = whence == SEEK_CUR ? file->offset : whence == SEEK_END ? file->size : 0;
    file->offset = base + offset;
    return file->offset;
}
static int mem_close(thandle_t h) { (void)h; return 0; }
static toff_t mem_size(thandle_t h) { return ((MemoryFile *)h)->size; }
static int mem_map(thandle_t h, void **base, toff_t *size) { (void)h; (void)base; (void)size; return 0; }
static void mem_unmap(thandle_t h, void *base, toff_t size) { (void)h; (void)base; (void)size; }

// libtiff reports through handlers; the last error is kept per thread for the caller.
static _Thread_local char tiff_message[256];
static int tiff_error_handler(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif; (void)user; (void)module;
    vsnprintf(tiff_message, sizeof tiff_message, fmt, ap);
    return 1;
}
static int tiff_warning_handler(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif; (void)user; (void)module; (void)fmt; (void)ap;
    return 1;
}

static void fail(char *error, size_t error_size, const char *message) {
    if (error && error_size) snprintf(error, error_size, "%s", message);
}

static TIFF *open_tiff(MemoryFile *file, char *error, size_t error_size) {
    tiff_message[0] = 0;
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, tiff_error_handler, NULL);
    TIFFOpenOptionsSetWarningHandlerExtR(options, tiff_warning_handler, NULL);
    TIFF *tif = TIFFClientOpenExt("memory", "rm", (thandle_t)file, mem_read, mem_write, mem_seek, mem_close,
                                  mem_size, mem_map, mem_unmap, options);
    TIFFOpenOptionsFree(options);
    if (!tif) fail(error, error_size, tiff_message[0] ? tiff_message : "not a readable TIFF");
    return tif;
}

int dc_tiff_page_count(const uint8_t *data, size_t size, int *count, char *error, size_t error_size) {
    MemoryFile file = { data, (toff_t)size, 0 };
    TIFF *tif = open_tiff(&file, error, error_size);
    if (!tif) return -1;
    int n = 0;
    do { n++; } while (n < 100000 && TIFFReadDirectory(tif));
    TIFFClose(tif);
    *count = n;
    return 0;
}

int dc_tiff_page(const uint8_t *data, size_t size, int index, long max_pixels,
                 uint8_t **pixels, int *width, int *height, char *error, size_t error_size) {
    MemoryFile file = { data, (toff_t)size, 0 };
    TIFF *tif = open_tiff(&file, error, error_size);
    if (!tif) return -1;
    if (!TIFFSetDirectory(tif, (tdir_t)index)) {
        TIFFClose(tif);
        fail(error, error_size, "no such page in the TIFF");
        return -1;
    }
    uint32_t w = 0, h = 0;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h);
    if (w == 0 || h == 0 || (double)w * (double)h > (double)max_pixels) {
        TIFFClose(tif);
        fail(error, error_size, w == 0 || h == 0 ? "TIFF page has no size" : "TIFF page too large");
        return -1;
    }
    uint32_t *rgba = (uint32_t *)_TIFFmalloc((tmsize_t)w * h * sizeof(uint32_t));
    uint8_t *gray = (uint8_t *)malloc((size_t)w * h);
    if (!rgba || !gray) {
        if (rgba) _TIFFfree(rgba);
        free(gray);
        TIFFClose(tif);
        fail(error, error_size, "not enough memory for the TIFF page");
        return -1;
    }
    // RGBA, any photometric and compression libtiff reads (CCITT fax, LZW, JPEG…), top row first.
    if (!TIFFReadRGBAImageOriented(tif, w, h, rgba, ORIENTATION_TOPLEFT, 0)) {
        _TIFFfree(rgba);
        free(gray);
        TIFFClose(tif);
        fail(error, error_size, tiff_message[0] ? tiff_message : "TIFF page could not be decoded");
        return -1;
    }
    for (size_t i = 0; i < (size_t)w * h; i++) {
        uint32_t p = rgba[i];
        unsigned r = TIFFGetR(p), g = TIFFGetG(p), b = TIFFGetB(p), a = TIFFGetA(p);
        unsigned luma = (299 * r + 587 * g + 114 * b) / 1000;
        // Transparent means paper.
        gray[i] = (uint8_t)((luma * a + 255 * (255 - a)) / 255);
    }
    _TIFFfree(rgba);
    TIFFClose(tif);
    *pixels = gray; *width = (int)w; *height = (int)h;
    return 0;
}

// ---- PDF through poppler-glib ----------------------------------------------------------------

static PopplerDocument *open_pdf(const uint8_t *data, size_t size, char *error, size_t error_size) {
    GBytes *bytes = g_bytes_new(data, size);
    GError *gerror = NULL;
    PopplerDocument *document = poppler_document_new_from_bytes(bytes, NULL, &gerror);
    g_bytes_unref(bytes);
    if (!document) {
        if (gerror && gerror->domain == POPPLER_ERROR && gerror->code == POPPLER_ERROR_ENCRYPTED) {
            fail(error, error_size, "the PDF is encrypted (it needs a password)");
        } else {
            fail(error, error_size, gerror ? gerror->message : "not a readable PDF");
        }
        if (gerror) g_error_free(gerror);
        return NULL;
    }
    return document;
}

int dc_pdf_page_count(const uint8_t *data, size_t size, int *count, char *error, size_t error_size) {
    PopplerDocument *document = open_pdf(data, size, error, error_size);
    if (!document) return -1;
    *count = poppler_document_get_n_pages(document);
    g_object_unref(document);
    return 0;
}

int dc_pdf_page(const uint8_t *data, size_t size, int index, double dpi, long max_pixels,
                uint8_t **pixels, int *width, int *height, char *error, size_t error_size) {
    PopplerDocument *document = open_pdf(data, size, error, error_size);
    if (!document) return -1;
    PopplerPage *page = poppler_document_get_page(document, index);
    if (!page) {
        g_object_unref(document);
        fail(error, error_size, "no such page in the PDF");
        return -1;
    }
    double points_w = 0, points_h = 0;
    poppler_page_get_size(page, &points_w, &points_h);
    double scale = dpi / 72.0;
    double wd = points_w * scale, hd = points_h * scale;
    if (!(wd >= 1 && hd >= 1) || wd * hd > (double)max_pixels) {
        g_object_unref(page);
        g_object_unref(document);
        fail(error, error_size, wd * hd > (double)max_pixels ? "PDF page too large at this resolution" : "PDF page has no size");
        return -1;
    }
    int w = (int)(wd + 0.5), h = (int)(hd + 0.5);
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        g_object_unref(page);
        g_object_unref(document);
        fail(error, error_size, "not enough memory for the PDF page");
        return -1;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    uint8_t *gray = (uint8_t *)malloc((size_t)w * h);
    if (!gray) {
        cairo_surface_destroy(surface);
        g_object_unref(page);
        g_object_unref(document);
        fail(error, error_size, "not enough memory for the PDF page");
        return -1;
    }
    const uint8_t *rows = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(rows + (size_t)y * stride);
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            unsigned r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
            gray[(size_t)y * w + x] = (uint8_t)((299 * r + 587 * g + 114 * b) / 1000);
        }
    }
    cairo_surface_destroy(surface);
    g_object_unref(page);
    g_object_unref(document);
    *pixels = gray; *width = w; *height = h;
    return 0;
}

// ---- writers (test fixtures, synthetic scans) -------------------------------------------------

int dc_tiff_write(const char *path, int count, const uint8_t *const *pages, const int *widths, const int *heights,
                  int bilevel, char *error, size_t error_size) {
    tiff_message[0] = 0;
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, tiff_error_handler, NULL);
    TIFFOpenOptionsSetWarningHandlerExtR(options, tiff_warning_handler, NULL);
    TIFF *tif = TIFFOpenExt(path, "w", options);
    TIFFOpenOptionsFree(options);
    if (!tif) { fail(error, error_size, tiff_message[0] ? tiff_message : "cannot create the TIFF"); return -1; }
    for (int p = 0; p < count; p++) {
        int w = widths[p], h = heights[p];
        TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, (uint32_t)w);
        TIFFSetField(tif, TIFFTAG_IMAGELENGTH, (uint32_t)h);
        TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, (uint32_t)h);
        TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
        TIFFSetField(tif, TIFFTAG_PAGENUMBER, (uint16_t)p, (uint16_t)count);
        size_t row_bytes = bilevel ? (size_t)(w + 7) / 8 : (size_t)w;
        uint8_t *row = (uint8_t *)calloc(row_bytes, 1);
        if (!row) { TIFFClose(tif); fail(error, error_size, "not enough memory"); return -1; }
        if (bilevel) {
            TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 1);
            TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
            TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
        } else {
            TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
            TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
            TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
        }
        for (int y = 0; y < h; y++) {
            const uint8_t *source = pages[p] + (size_t)y * w;
            if (bilevel) {
                memset(row, 0, row_bytes);
                for (int x = 0; x < w; x++) if (source[x] < 128) row[x / 8] |= (uint8_t)(0x80 >> (x % 8));
            } else {
                memcpy(row, source, (size_t)w);
            }
            if (TIFFWriteScanline(tif, row, (uint32_t)y, 0) < 0) {
                free(row); TIFFClose(tif);
                fail(error, error_size, tiff_message[0] ? tiff_message : "cannot write the TIFF");
                return -1;
            }
        }
        free(row);
        if (!TIFFWriteDirectory(tif)) { TIFFClose(tif); fail(error, error_size, "cannot write the TIFF page"); return -1; }
    }
    TIFFClose(tif);
    return 0;
}

int dc_pdf_write(const char *path, int count, const uint8_t *const *pages, const int *widths, const int *heights,
                 double dpi, const dc_printed_text *texts, int text_count, char *error, size_t error_size) {
    if (count < 1) { fail(error, error_size, "no pages"); return -1; }
    double scale = 72.0 / dpi;
    cairo_surface_t *pdf = cairo_pdf_surface_create(path, widths[0] * scale, heights[0] * scale);
    if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(pdf);
        fail(error, error_size, "cannot create the PDF");
        return -1;
    }
    cairo_t *cr = cairo_create(pdf);
    for (int p = 0; p < count; p++) {
        int w = widths[p], h = heights[p];
        cairo_pdf_surface_set_size(pdf, w * scale, h * scale);
        cairo_surface_t *image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        uint8_t *data = cairo_image_surface_get_data(image);
        int stride = cairo_image_surface_get_stride(image);
        for (int y = 0; y < h; y++) {
            uint32_t *row = (uint32_t *)(data + (size_t)y * stride);
            for (int x = 0; x < w; x++) { uint32_t g = pages[p][(size_t)y * w + x]; row[x] = (g << 16) | (g << 8) | g; }
        }
        cairo_surface_mark_dirty(image);
        cairo_save(cr);
        cairo_scale(cr, scale, scale);
        cairo_set_source_surface(cr, image, 0, 0);
        cairo_paint(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        for (int t = 0; t < text_count; t++) {
            if (texts[t].page != p || texts[t].text == NULL) continue;
            cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                                   texts[t].bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
            cairo_set_font_size(cr, texts[t].size);
            cairo_move_to(cr, texts[t].x, texts[t].y);
            cairo_show_text(cr, texts[t].text);
        }
        cairo_restore(cr);
        cairo_show_page(cr);
        cairo_surface_destroy(image);
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    int ok = cairo_surface_status(pdf) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(pdf);
    if (!ok) { fail(error, error_size, "cannot write the PDF"); return -1; }
    return 0;
}
