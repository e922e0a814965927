/** Route prefixes of the two implementations the views benchmark compares. */
export const VIEWSET_PATH = 'bench/viewset/products';
export const HANDWRITTEN_PATH = 'bench/handwritten/products';
