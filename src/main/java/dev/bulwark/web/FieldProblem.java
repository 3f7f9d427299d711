package dev.bulwark.web;

/** One entry of a problem's {@code errors[]}: which field, and what is wrong with it in words a user can act on. */
record FieldProblem(String field, String message) {}
