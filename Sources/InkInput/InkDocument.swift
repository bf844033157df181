// InkML pen input (CROHME files, tablets): parsing and rendering to images. Filled in by issue 3.
