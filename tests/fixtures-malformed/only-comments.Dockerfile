# just comments
#
   # indented comment
# escape=`
