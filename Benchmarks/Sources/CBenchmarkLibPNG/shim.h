#ifndef CBENCHMARKLIBPNG_SHIM_H
#define CBENCHMARKLIBPNG_SHIM_H
#include <png.h>
#endif
