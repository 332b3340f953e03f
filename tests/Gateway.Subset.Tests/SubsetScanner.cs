using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gateway.Subset.Tests;

/// <summary>
/// The syntactic half of the nanoFramework subset check (nanoframework-subset.md). Gateway.NanoCheck compiles the board
/// code against nanoFramework's real mscorlib, which catches every API the device lacks; this scanner catches
/// what that corlib would still accept (it declares Action&lt;T&gt; and Func&lt;T&gt;, which the device cannot run): generic declarations and uses, multi-dimensional arrays, nullable value types,
/// tuples, async/await, iterators, records, stackalloc, ranges and indices, anonymous types, decimal.
/// </summary>
public static class SubsetScanner
{
    public sealed record Violation(string File, int Line, string Rule, string Text)
    {
        public override string ToString() => $"{File}:{Line}: {Rule}: {Text}";
    }

    public static IReadOnlyList<Violation> Scan(string path, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), path);
        var found = new List<Violation>();
        foreach (var node in tree.GetRoot().DescendantNodesAndSelf())
        {
            string? rule = Classify(node);
            if (rule != null)
            {
                int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                string text = node.ToString();
                if (text.Length > 80)
                {
                    text = text[..80];
                }

                found.Add(new Violation(path, line, rule, text.Replace('\n', ' ')));
            }
        }

        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.AsyncKeyword) || token.IsKind(SyntaxKind.AwaitKeyword))
            {
                found.Add(new Violation(path, token.GetLocation().GetLineSpan().StartLinePosition.Line + 1, "async/await", token.Text));
            }
        }

        return found;
    }

    private static string? Classify(SyntaxNode node)
    {
        switch (node)
        {
            case TypeParameterListSyntax:
                return "generic declaration";
            case GenericNameSyntax:
                return "generic use";
            case ArrayRankSpecifierSyntax rank when rank.Rank > 1:
                return "multi-dimensional array";
            case NullableTypeSyntax:
                return "nullable value type (Nullable<T>)";
            case TupleTypeSyntax:
            case TupleExpressionSyntax:
                return "tuple";
            case YieldStatementSyntax:
                return "iterator (yield)";
            case RecordDeclarationSyntax:
                return "record";
            case StackAllocArrayCreationExpressionSyntax:
            case ImplicitStackAllocArrayCreationExpressionSyntax:
                return "stackalloc";
            case RangeExpressionSyntax:
                return "range";
            case PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.IndexExpression):
                return "index from end (^)";
            case AnonymousObjectCreationExpressionSyntax:
                return "anonymous type";
            case PredefinedTypeSyntax t when t.Keyword.IsKind(SyntaxKind.DecimalKeyword):
                return "decimal";
            case QueryExpressionSyntax:
                return "LINQ query";
            case LocalFunctionStatementSyntax l when l.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)) == false && l.TypeParameterList != null:
                return "generic local function";
            default:
                return null;
        }
    }
}
