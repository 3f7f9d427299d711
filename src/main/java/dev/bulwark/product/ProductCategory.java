package dev.bulwark.product;

/** The values of a product's {@code category}, stored by name. */
enum ProductCategory {
    BOOK,
    TOY
}
