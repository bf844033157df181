#ifndef DOCUMENT_CODEC_H
#define DOCUMENT_CODEC_H
#include <stddef.h>
#include <stdint.h>

/// Multi-page documents (TIFF through libtiff, PDF through poppler-glib) decoded from memory
/// to 8-bit grey pages. Every function returns 0 on success, or -1 with a message in `error`.

/// Number of pages (TIFF directories) in the TIFF at `data`.
int dc_tiff_page_count(const uint8_t *data, size_t size, int *count, char *error, size_t error_size);

/// Page `index` (0-based) as grey pixels, row-major, top row first, allocated with malloc.
/// Pages larger than `max_pixels` are refused before decoding.
int dc_tiff_page(const uint8_t *data, size_t size, int index, long max_pixels,
                 uint8_t **pixels, int *width, int *height, char *error, size_t error_size);

/// Number of pages of the PDF at `data`; an encrypted PDF needs a password and is refused.
int dc_pdf_page_count(const uint8_t *data, size_t size, int *count, char *error, size_t error_size);

/// Page `index` (0-based) rendered at `dpi` on white, as grey pixels allocated with malloc.
int dc_pdf_page(const uint8_t *data, size_t size, int index, double dpi, long max_pixels,
                uint8_t **pixels, int *width, int *height, char *error, size_t error_size);

/// Writes grey pages to a multi-page TIFF at `path`: 1-bit CCITT group 4 (as office scanners
/// do) when `bilevel`, else 8-bit grey with LZW.
int dc_tiff_write(const char *path, int count, const uint8_t *const *pages, const int *widths, const int *heights,
                  int bilevel, char *error, size_t error_size);

/// A line of printed text on a PDF page: its baseline starts at (`x`, `y`) in the page image's
/// pixels; `size` is the font size in pixels; the font is the system's sans-serif.
typedef struct {
    int page;
    double x, y, size;
    int bold;
    const char *text;
} dc_printed_text;

/// Writes grey pages to a PDF at `path`, one image per page, sized as scanned at `dpi`, with
/// `text_count` lines of printed (vector) text over them.
int dc_pdf_write(const char *path, int count, const uint8_t *const *pages, const int *widths, const int *heights,
                 double dpi, const dc_printed_text *texts, int text_count, char *error, size_t error_size);

#endif
