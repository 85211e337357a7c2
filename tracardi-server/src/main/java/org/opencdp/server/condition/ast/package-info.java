/**
 * The immutable syntax tree of a condition (workflows §9.1). {@link org.opencdp.server.condition.ast.Expression}s
 * are the boolean parts (logic and tests); {@link org.opencdp.server.condition.ast.Operand}s are the values a test
 * reads (fields, literals, lists, function calls). Every node keeps its 0-based offset in the condition text so
 * errors and warnings can point at it.
 */
package org.opencdp.server.condition.ast;
