#include "image_codec.h"
