package dev.bulwark.cli.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.cli.CliError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSpecsTests {

    @Test
    void everyTypeAndOptionIsRead() {
        Field name = FieldSpecs.parse("name:string:required:max=100");
        assertThat(name)
                .isEqualTo(
                        new Field("name", FieldType.STRING, true, false, null, new BigDecimal(100), List.of(), null));
        assertThat(FieldSpecs.parse("price:decimal:min=0.5:max=99.99").min()).isEqualByComparingTo("0.5");
        assertThat(FieldSpecs.parse("sku:string:unique").unique()).isTrue();
        assertThat(FieldSpecs.parse("category:enum(BOOK,TOY):required").values())
                .containsExactly("BOOK", "TOY");
        Field supplier = FieldSpecs.parse("supplier:ref(Supplier)");
        assertThat(supplier.ref()).isEqualTo("Supplier");
        assertThat(supplier.property()).isEqualTo("supplierId");
        assertThat(supplier.column()).isEqualTo("supplier_id");
        assertThat(FieldSpecs.parse("unitsSold:long:min=0").column()).isEqualTo("units_sold");
        for (String type : List.of("text", "int", "boolean", "date", "timestamp", "uuid")) {
            assertThat(FieldSpecs.parse("f:" + type).type().label()).isEqualTo(type);
        }
    }

    @Test
    void aSpecReadsBackAsItIsShown() {
        for (String spec : List.of(
                "name:string:required:max=100",
                "price:decimal:min=0",
                "category:enum(BOOK,TOY)",
                "supplier:ref(Supplier):required",
                "stock:int:unique:min=-5:max=5")) {
            assertThat(FieldSpecs.parse(spec).spec()).isEqualTo(spec);
        }
    }

    @Test
    void eachMistakeIsRefusedWithWhatToWrite() {
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("price", "has no type"),
                Map.entry("price:money", "unknown type 'money'"),
                Map.entry("price:decimal:positive", "option 'positive' is unknown for decimal"),
                Map.entry("active:boolean:unique", "option 'unique' is unknown for boolean"),
                Map.entry("born:date:min=1", "option 'min=1' is unknown for date"),
                Map.entry("body:text:unique", "option 'unique' is unknown for text"),
                Map.entry("name:string:required:required", "option 'required' is given twice"),
                Map.entry("name:string:required=yes", "takes no value"),
                Map.entry("name:string:max=ten", "needs a number"),
                Map.entry("name:string:max=2.5", "must be a whole number"),
                Map.entry("name:string:min=5:max=2", "min=5 is above max=2"),
                Map.entry("name:string:max=0", "leaves no room"),
                Map.entry("stock:int:max=3000000000", "from -2147483648 to 2147483647"),
                Map.entry("price:decimal:min=0.00001", "at most 4 decimals"),
                Map.entry("category:enum(book,toy)", "upper-case ASCII"),
                Map.entry("category:enum(BOOK,BOOK)", "'BOOK' is given twice"),
                Map.entry("category:enum()", "upper-case ASCII"),
                Map.entry("supplier:ref(supplier)", "PascalCase"),
                Map.entry("supplier:ref(Order)", "an SQL reserved word"),
                Map.entry("prïce:decimal", "ASCII"),
                Map.entry("Price:decimal", "starting with a lower-case letter"),
                Map.entry("unit_price:decimal", "camelCase"),
                Map.entry("class:string", "a Java keyword"),
                Map.entry("order:string", "an SQL reserved word"),
                Map.entry("createdAt:timestamp", "used by the generated code"),
                Map.entry("version:long", "used by the generated code"),
                Map.entry("after:string", "used by the generated code"),
                Map.entry("limit:int", "an SQL reserved word"),
                Map.entry("supplier:ref(Supplier)x", "expected ':'"));
        refusals.forEach((spec, reason) -> assertThatThrownBy(() -> FieldSpecs.parse(spec))
                .as(spec)
                .isInstanceOf(CliError.class)
                .hasMessageContaining(reason));
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        assertThatThrownBy(() -> FieldSpecs.parseAll(List.of("name:string", "name:text")))
                .isInstanceOf(CliError.class)
                .hasMessageContaining("'name' is given twice");
        assertThatThrownBy(() -> FieldSpecs.parseAll(List.of("supplier:ref(Supplier)", "supplierId:uuid")))
                .isInstanceOf(CliError.class)
                .hasMessageContaining("'supplierId' is given twice");
    }

    @Test
    void entityNamesMustBeAsciiPascalCaseAndNoKeywordOrReservedWord() {
        assertThat(FieldSpecs.requireEntityName("PurchaseOrder", "entity")).isEqualTo("PurchaseOrder");
        Map<String, String> refusals = Map.of(
                "product", "PascalCase",
                "Prodüct", "ASCII",
                "Class", "a Java keyword",
                "Package", "a Java keyword",
                "Order", "an SQL reserved word",
                "User", "an SQL reserved word",
                "Purchase_Order", "PascalCase");
        refusals.forEach((name, reason) -> assertThatThrownBy(() -> FieldSpecs.requireEntityName(name, "entity"))
                .as(name)
                .isInstanceOf(CliError.class)
                .hasMessageContaining(reason));
    }

    @Test
    void namesDeriveForPathsTablesAndPermissions() {
        EntityDefinition order = new EntityDefinition("PurchaseOrder", false, List.of());
        assertThat(order.table()).isEqualTo("purchase_order");
        assertThat(order.module()).isEqualTo("purchaseorder");
        assertThat(order.path()).isEqualTo("/api/v1/purchase-orders");
        assertThat(new EntityDefinition("Category", false, List.of()).plural()).isEqualTo("categories");
        assertThat(new EntityDefinition("Box", false, List.of()).plural()).isEqualTo("boxes");
        assertThat(new EntityDefinition("Day", false, List.of()).plural()).isEqualTo("days");
    }
}
