// Decoding and encoding of PNG and JPEG under setjmp, so that libpng/libjpeg errors
// (reported with longjmp, or exit() by libjpeg's default handler) come back as a status.
#ifndef IMAGE_CODEC_H
#define IMAGE_CODEC_H
#endif
